package dev.sigpage.api;

import java.util.Objects;

/**
 * A signal action as given to and returned by {@code sigaction}.
 *
 * @param handler {@link #SIG_DFL}, {@link #SIG_IGN}, or a handler address (below 2<sup>57</sup>, as the process
 *                page keeps bits 57-63 for flags)
 * @param mask    signals blocked while the handler runs ({@code sa_mask})
 * @param flags   {@code sa_flags}, see {@link SaFlags}
 */
public record SigAction(long handler, SignalSet mask, int flags) {
    /** The handler value of the default action. */
    public static final long SIG_DFL = 0;
    /** The handler value of the ignore action. */
    public static final long SIG_IGN = 1;
    /** The largest handler address the page can store. */
    public static final long MAX_HANDLER = (1L << 57) - 1;

    /** {@code SIG_DFL}, empty mask, no flags. */
    public static final SigAction DEFAULT = new SigAction(SIG_DFL, SignalSet.empty(), 0);
    /** {@code SIG_IGN}, empty mask, no flags. */
    public static final SigAction IGNORE = new SigAction(SIG_IGN, SignalSet.empty(), 0);

    /**
     * Checks the components.
     *
     * @param handler the handler
     * @param mask    the mask, not null
     * @param flags   the flags
     * @throws IllegalArgumentException if the handler is negative or above {@link #MAX_HANDLER}
     * @throws NullPointerException     if the mask is null
     */
    public SigAction {
        Objects.requireNonNull(mask, "mask");
        if (handler < 0 || handler > MAX_HANDLER) {
            throw new IllegalArgumentException("handler must be in 0..2^57-1: handler=" + handler);
        }
    }

    /**
     * An action that runs a handler.
     *
     * @param address the handler address (2 or more)
     * @param mask    {@code sa_mask}
     * @param flags   {@code sa_flags}
     * @return the action
     * @throws IllegalArgumentException if the address is SIG_DFL, SIG_IGN or out of range
     */
    public static SigAction handler(final long address, final SignalSet mask, final int flags) {
        if (address == SIG_DFL || address == SIG_IGN) {
            throw new IllegalArgumentException("handler address must not be SIG_DFL or SIG_IGN: handler=" + address);
        }
        return new SigAction(address, mask, flags);
    }

    /**
     * Whether the action is {@code SIG_DFL}.
     *
     * @return true for the default action
     */
    public boolean isDefault() {
        return handler == SIG_DFL;
    }

    /**
     * Whether the action is {@code SIG_IGN}.
     *
     * @return true for the ignore action
     */
    public boolean isIgnored() {
        return handler == SIG_IGN;
    }

    /**
     * Whether the action runs a handler.
     *
     * @return true if neither SIG_DFL nor SIG_IGN
     */
    public boolean isHandler() {
        return handler != SIG_DFL && handler != SIG_IGN;
    }
}
