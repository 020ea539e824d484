package dev.sigpage.frames;

/**
 * A thread's alternate signal stack as {@code sigaltstack()} registered it: the kernel writes these three values
 * into the frame's {@code uc_stack} verbatim (the registered flags, never {@code SS_ONSTACK} for "currently on
 * it").
 *
 * @param sp    {@code ss_sp}, the lowest address of the stack
 * @param flags {@code ss_flags} as registered: 0, {@link #SS_DISABLE}, optionally with {@link #SS_AUTODISARM}
 * @param size  {@code ss_size} in bytes
 */
public record LinuxAltStack(long sp, int flags, long size) {
    /** {@code SS_ONSTACK}: accepted by sigaltstack() as a synonym of 0, stored verbatim. */
    public static final int SS_ONSTACK = 1;
    /** {@code SS_DISABLE}: no alternate stack. */
    public static final int SS_DISABLE = 2;
    /** {@code SS_AUTODISARM}: the stack is disarmed while a handler runs on it. */
    public static final int SS_AUTODISARM = 0x8000_0000;
    /** No alternate stack: {@code {0, SS_DISABLE, 0}}, a thread's initial state. */
    public static final LinuxAltStack DISABLED = new LinuxAltStack(0, SS_DISABLE, 0);

    /**
     * Validates as sigaltstack() does.
     *
     * @throws IllegalArgumentException naming the flags if the mode is not 0, SS_ONSTACK or SS_DISABLE (plus
     *                                  SS_AUTODISARM), a disabled stack with a base or size, or a stack that
     *                                  would wrap past the top of the address space
     */
    public LinuxAltStack {
        final int mode = flags & ~SS_AUTODISARM;
        if (mode != 0 && mode != SS_ONSTACK && mode != SS_DISABLE) {
            throw new IllegalArgumentException("altstack flags must be 0, SS_ONSTACK or SS_DISABLE, optionally with"
                    + " SS_AUTODISARM: flags=" + Hex.of(flags & 0xFFFF_FFFFL));
        }
        if (mode == SS_DISABLE && (sp != 0 || size != 0)) {
            throw new IllegalArgumentException(
                    "a disabled altstack has base and size 0 (sigaltstack stores them so):" + " sp=" + Hex.of(sp));
        }
        if (Long.compareUnsigned(sp + size, sp) < 0 && sp + size != 0) {
            throw new IllegalArgumentException(
                    "altstack must not wrap past the top of the address space: sp=" + Hex.of(sp));
        }
    }

    /** @return the address just above the stack, where a frame on it starts */
    public long top() {
        return sp + size;
    }

    /**
     * {@code __on_sig_stack(addr)}: {@code addr > ss_sp && addr - ss_sp <= ss_size} (open at the bottom, closed at
     * the top).
     *
     * @param addr a stack pointer
     * @return whether it lies on this stack
     */
    public boolean contains(final long addr) {
        return Long.compareUnsigned(addr, sp) > 0 && Long.compareUnsigned(addr - sp, size) <= 0;
    }

    /**
     * {@code on_sig_stack(addr)}: false with SS_AUTODISARM, else {@link #contains}.
     *
     * @param addr a stack pointer
     * @return whether the thread counts as running on this stack
     */
    public boolean onStack(final long addr) {
        return (flags & SS_AUTODISARM) == 0 && contains(addr);
    }

    /**
     * {@code sas_ss_flags(addr) == 0}: a stack is configured and the thread is not already on it.
     *
     * @param addr a stack pointer
     * @return whether a SA_ONSTACK delivery switches to this stack
     */
    public boolean available(final long addr) {
        return size != 0 && !onStack(addr);
    }
}
