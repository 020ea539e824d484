package dev.sigpage.impl;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Errno;
import dev.sigpage.api.SignalException;

/**
 * The alternate signal stack of one model thread ({@code sigaltstack}): where it is, whether it is enabled, and
 * whether a handler runs on it now. Only the owning thread reads and writes it (plain fields), except that
 * {@code fork} writes the child's thread before that thread runs.
 */
final class AltStackState {
    private long base;
    private long size;
    private boolean enabled;
    private boolean onStack;

    /** The current stack, with {@link AltStack#SS_ONSTACK} while a handler runs on it. */
    AltStack current() {
        return new AltStack(base, size, (enabled ? 0 : AltStack.SS_DISABLE) | (onStack ? AltStack.SS_ONSTACK : 0));
    }

    /**
     * Replaces the stack; a refused change leaves it as it was.
     *
     * @param stack      the new stack
     * @param extraFlags the {@code ss_flags} bits the profile accepts (and ignores) besides SS_DISABLE
     * @throws SignalException EPERM while on it, EINVAL for unknown flags or a stack ending at or past 2^64, ENOMEM
     *                         below {@link AltStack#MINSIGSTKSZ}
     */
    void replace(final AltStack stack, final int extraFlags) {
        if (onStack) {
            throw new SignalException(
                    Errno.EPERM, "the alternate stack cannot change while a handler runs on it", "ss_sp", stack.base());
        }
        if ((stack.flags() & ~(AltStack.SS_DISABLE | extraFlags)) != 0) {
            throw new SignalException(Errno.EINVAL, "flags must be 0 or SS_DISABLE", "ss_flags", stack.flags());
        }
        if (stack.isDisabled()) {
            enabled = false;
            base = 0;
            size = 0;
            return;
        }
        if (stack.size() < AltStack.MINSIGSTKSZ) {
            throw new SignalException(
                    Errno.ENOMEM,
                    "stack size must be at least MINSIGSTKSZ=" + AltStack.MINSIGSTKSZ,
                    "ss_size",
                    stack.size());
        }
        // the top, ss_sp + ss_size, is where frames go below: it must be a 64-bit address, so below 2^64.
        if (stack.base() != 0 && Long.compareUnsigned(stack.size(), -stack.base()) >= 0) {
            throw new SignalException(
                    Errno.EINVAL,
                    "the stack must end below 2^64, from ss_sp=0x" + Long.toHexString(stack.base()),
                    "ss_size",
                    stack.size());
        }
        enabled = true;
        base = stack.base();
        size = stack.size();
    }

    /**
     * A delivery with {@code SA_ONSTACK}: switches to the stack if it is enabled and not already in use.
     *
     * @return the top of the stack to switch to, or 0 for no switch (the top is never 0: it ends below 2^64)
     */
    long enter() {
        if (!enabled || onStack) {
            return 0;
        }
        onStack = true;
        return base + size;
    }

    /** @return whether a handler runs on the stack now */
    boolean onStack() {
        return onStack;
    }

    /** The handler that switched to the stack returned. */
    void leave() {
        onStack = false;
    }

    /** A new process image ({@code exec}) has no alternate stack. */
    void reset() {
        enabled = false;
        base = 0;
        size = 0;
        onStack = false;
    }

    /**
     * A forked child's thread gets the forking thread's stack; it starts outside any handler, so not on it. The
     * forking thread reads its own state; the child's thread has not run yet.
     */
    void copyFrom(final AltStackState forking) {
        enabled = forking.enabled;
        base = forking.base;
        size = forking.size;
        onStack = false;
    }
}
