package dev.sigpage.frames;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of delivering a signal to a handler: every byte stored to user memory, the frame's address, the
 * registers the handler is entered with, and the mask while it runs.
 */
public final class Delivery {
    private final Arch arch;
    private final Variant variant;
    private final int signal;
    private final long frameAddress;
    private final List<MemoryWrite> writes;
    private final Map<String, Long> entry;
    private final long handlerMask;
    private final long sigreturnArgument;
    private final List<MemoryWrite> misdirectedWrites;

    Delivery(
            final Arch arch,
            final Variant variant,
            final int signal,
            final long frameAddress,
            final List<MemoryWrite> writes,
            final Map<String, Long> entry,
            final long handlerMask,
            final long sigreturnArgument,
            final List<MemoryWrite> misdirectedWrites) {
        this.arch = arch;
        this.variant = variant;
        this.signal = signal;
        this.frameAddress = frameAddress;
        this.writes = List.copyOf(writes);
        this.entry = Collections.unmodifiableMap(new LinkedHashMap<>(entry));
        this.handlerMask = handlerMask;
        this.sigreturnArgument = sigreturnArgument;
        this.misdirectedWrites = List.copyOf(misdirectedWrites);
    }

    /** @return the arch */
    public Arch arch() {
        return arch;
    }

    /** @return the variant */
    public Variant variant() {
        return variant;
    }

    /** @return the delivered signal */
    public int signal() {
        return signal;
    }

    /** @return the address of the frame's first field (the return-address slot; Linux's F, the handler's sp) */
    public long frameAddress() {
        return frameAddress;
    }

    /**
     * Every byte the delivery stores to user memory, as runs of consecutive bytes, lowest address first. The seed
     * variant reports each byte at the virtual address the seed kernel aims it at (see
     * {@link #misdirectedWrites()}).
     *
     * @return the runs
     */
    public List<MemoryWrite> writes() {
        return writes;
    }

    /**
     * Every register the delivery sets, in the order FRAMES.md lists: x86-64 {@code rip rsp rdi rflags}, AArch64
     * {@code pc sp x0 x1 x30}, RISC-V {@code pc sp a0 a1 ra}; the linux variant: x86-64 {@code rip rsp rdi rsi rdx
     * rax rflags}, AArch64 {@code pc sp x0 [x1 x2] x29 x30 pstate} (x1 and x2 with SA_SIGINFO), RISC-V
     * {@code pc sp a0 a1 a2 ra}.
     *
     * @return register values by name
     */
    public Map<String, Long> entry() {
        return entry;
    }

    /** @return the thread's signal mask while the handler runs, in the variant's convention */
    public long handlerMask() {
        return handlerMask;
    }

    /**
     * The value the trampoline leaves in the first argument register when it issues the system call: the frame
     * address in the fixed variant (a restorer must pass the same), {@code frameAddress + 8} on seed x86-64
     * (defect 1) and 123 on seed AArch64 (defect 4: the number lands in w0, and w8 is never set).
     *
     * @return the sigreturn argument
     */
    public long sigreturnArgument() {
        return sigreturnArgument;
    }

    /**
     * Defect 8, reported rather than performed: the parts of the seed's two stores (frame, trampoline) that lie
     * past the page holding their first byte. The seed translates only that first page, so these bytes really go
     * to whatever physical page follows it, and their virtual addresses are never written. This model has no
     * physical memory, so {@link #writes()} still lists them at their virtual addresses; a caller comparing with
     * the seed kernel should expect these runs to be missing there. Always empty in the fixed variant.
     *
     * @return the misdirected runs, lowest address first
     */
    public List<MemoryWrite> misdirectedWrites() {
        return misdirectedWrites;
    }

    @Override
    public String toString() {
        return "Delivery{" + arch.cliName() + ", " + variant.cliName() + ", signal=" + signal + ", frameAddress="
                + Hex.of(frameAddress) + ", writes=" + writes + ", entry=" + entry + ", mask=" + Hex.of(handlerMask)
                + '}';
    }
}
