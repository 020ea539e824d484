package dev.sigpage.frames;

import java.util.List;
import java.util.Random;

/** Random interrupted states that are valid user state per FRAMES.md (so a fixed round trip must be exact). */
final class RandomState {
    private RandomState() {}

    static RegisterFile registers(final Arch arch, final Random random, final long sp) {
        final List<String> names = arch.registerNames();
        RegisterFile regs = RegisterFile.zero(arch);
        for (final String name : names) {
            regs = regs.with(name, random.nextLong());
        }
        regs = regs.with(arch.stackPointerName(), sp)
                .with(arch.programCounterName(), random.nextLong() & ((1L << 47) - 1));
        switch (arch) {
            case X86_64:
                // Inside 0x50DD5 (the user-modifiable flags) with IF and bit 1 set.
                return regs.with("rflags", (random.nextLong() & 0x50DD5L) | 0x202L);
            case AARCH64:
                // EL0t (M[4:0] = 0) with D, A, I, F clear: bits 0-4 and 6-9 clear.
                return regs.with("pstate", random.nextLong() & ~0x3DFL);
            default:
                // SIE (1), SPP (8), SUM (18), MXR (19) clear.
                return regs.with("sstatus", random.nextLong() & ~((1L << 1) | (1L << 8) | (1L << 18) | (1L << 19)));
        }
    }

    /** A mask without the SIGKILL and SIGSTOP bits of the variant's convention. */
    static long mask(final Variant variant, final Random random) {
        final long killStop = variant == Variant.FIXED ? (1L << 8) | (1L << 18) : (1L << 9) | (1L << 19);
        return random.nextLong() & ~killStop;
    }

    static int signal(final Variant variant, final Random random) {
        while (true) {
            final int s = 1 + random.nextInt(variant == Variant.FIXED ? 64 : 31);
            if (variant == Variant.SEED || (s != 9 && s != 19)) {
                return s;
            }
        }
    }
}
