package dev.sigpage.frames;

/**
 * What restore accepts as user state, per FRAMES.md. A field that fails is refused by name; nothing partial is
 * ever returned.
 */
public final class UserState {
    /** x86-64 rflags bits a user may set (CF PF AF ZF SF TF DF OF RF AC), as Linux's FIX_EFLAGS. */
    public static final long X86_64_USER_RFLAGS = 0x50DD5L;
    /** x86-64 rflags bits restore forces on: IF (bit 9) and the reserved bit 1. */
    public static final long X86_64_FORCED_RFLAGS = 0x202L;
    /** x86-64 rflags IOPL (bits 12-13) and VM (bit 17): refused. */
    public static final long X86_64_PRIVILEGED_RFLAGS = 0x3000L | 0x20000L;
    /** x86-64 rflags DF (bit 10). */
    public static final long X86_64_DF = 0x400L;
    /** x86-64 rflags TF (bit 8). */
    public static final long X86_64_TF = 0x100L;
    /** x86-64 rflags RF (bit 16). */
    public static final long X86_64_RF = 0x10000L;
    /** x86-64 rflags IF (bit 9). */
    public static final long X86_64_IF = 0x200L;
    /** AArch64 pstate M[4]: AArch32 state. */
    public static final long AARCH64_M4 = 0x10L;
    /** AArch64 pstate M[3:0]: EL0t is 0. */
    public static final long AARCH64_M3_0 = 0xFL;
    /** AArch64 pstate D, A, I, F (bits 9, 8, 7, 6). */
    public static final long AARCH64_DAIF = 0x3C0L;
    /** RISC-V sstatus SIE (bit 1). */
    public static final long RISCV64_SIE = 1L << 1;
    /** RISC-V sstatus SPP (bit 8). */
    public static final long RISCV64_SPP = 1L << 8;
    /** RISC-V sstatus SUM (bit 18). */
    public static final long RISCV64_SUM = 1L << 18;
    /** RISC-V sstatus MXR (bit 19). */
    public static final long RISCV64_MXR = 1L << 19;

    private UserState() {}

    /**
     * Why restore refuses a saved register value, or null if it accepts it.
     *
     * @param arch  the architecture
     * @param name  a register name in frame order
     * @param value its saved value
     * @return the rule the value breaks, or null
     */
    public static String refusal(final Arch arch, final String name, final long value) {
        if (name.equals(arch.programCounterName())) {
            return programCounterRefusal(arch, value);
        }
        if (name.equals(flagsName(arch))) {
            return flagsRefusal(arch, value);
        }
        return null;
    }

    /** The flags register of the architecture: the only register besides the program counter restore checks. */
    static String flagsName(final Arch arch) {
        switch (arch) {
            case X86_64:
                return "rflags";
            case AARCH64:
                return "pstate";
            default:
                return "sstatus";
        }
    }

    /** {@link #refusal} for the program counter, without looking up its name (the in-place sigreturn's path). */
    static String programCounterRefusal(final Arch arch, final long value) {
        if (Long.compareUnsigned(value, arch.userAddressLimit()) >= 0) {
            return arch.programCounterName() + " must be a user address below " + Hex.of(arch.userAddressLimit());
        }
        return null;
    }

    /** {@link #refusal} for the flags register ({@link #flagsName}), without looking up its name. */
    static String flagsRefusal(final Arch arch, final long value) {
        switch (arch) {
            case X86_64:
                if ((value & X86_64_PRIVILEGED_RFLAGS) != 0) {
                    return "rflags must not set IOPL (bits 12-13) or VM (bit 17)";
                }
                return null;
            case AARCH64:
                if ((value & AARCH64_M4) != 0) {
                    return "pstate must not select AArch32 (M[4])";
                }
                if ((value & AARCH64_M3_0) != 0) {
                    return "pstate must select EL0t (M[3:0]=0)";
                }
                if ((value & AARCH64_DAIF) != 0) {
                    return "pstate must not mask D, A, I or F";
                }
                return null;
            default:
                if ((value & (RISCV64_SIE | RISCV64_SPP | RISCV64_SUM | RISCV64_MXR)) != 0) {
                    return "sstatus must not set SIE, SPP, SUM or MXR";
                }
                return null;
        }
    }

    /**
     * The value restore puts back for an accepted saved value: x86-64 rflags keeps only the user-modifiable bits
     * and gets IF and bit 1; everything else comes back as stored.
     *
     * @param arch  the architecture
     * @param name  a register name
     * @param value its accepted saved value
     * @return the restored value
     */
    public static long restoredValue(final Arch arch, final String name, final long value) {
        if (arch == Arch.X86_64 && name.equals("rflags")) {
            return restoredRflags(value);
        }
        return value;
    }

    /** {@link #restoredValue} for x86-64 rflags. */
    static long restoredRflags(final long value) {
        return (value & X86_64_USER_RFLAGS) | X86_64_FORCED_RFLAGS;
    }
}
