package dev.sigpage.impl;

import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.RedoxSaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;

/**
 * An action's two page words as redox-rt writes and reads them (relibc {@code redox-rt/src/signal.rs} at
 * {@code 6359922768c6}: {@code sigaction_inner}, {@code convert_old}, {@code setup_sighandler}).
 *
 * <ul>
 * <li>SIG_DFL is stored as the address of redox-rt's default handler function, a real code address of the process
 * (configurable here); SIG_IGN as handler 0 with bit 63 (IGNORED).</li>
 * <li>Flags: relibc's {@code sa_flags} bits 25-31 in bits 57-63 ({@link RedoxSaFlags#pageBits}); SA_NOCLDSTOP is
 * bit 62 for any signal.</li>
 * <li>SIG_IGN, and SIG_DFL of SIGURG, SIGWINCH: IGNORED alone (the caller's flags dropped), {@code user_data} all
 * ones. SIG_DFL of SIGCHLD: IGNORED and the caller's bit 62, all ones. SIG_DFL of SIGTSTP, SIGTTIN, SIGTTOU: bit 62
 * alone (stop by default), all ones. SIG_DFL of any other signal and a handler: the caller's flags and raw
 * {@code sa_mask}.</li>
 * <li>A fresh page: every one of the 64 slots holds the default-handler address, with bit 63 for CHLD/URG/WINCH
 * and bit 62 for TSTP/TTIN/TTOU, and {@code user_data} 0.</li>
 * <li>Decoding: the default-handler address is SIG_DFL; else bit 63 with handler 0 is SIG_IGN; else the handler.
 * Handler 0 without bit 63, and bit 63 with another handler, decode to nothing and are refused.</li>
 * </ul>
 */
public final class RedoxActionCodec {
    /** What redox-rt writes as {@code user_data} where the mask does not matter ({@code MASK_DONTCARE}). */
    public static final long MASK_DONTCARE = -1L;

    private static final long IGNORED = 1L << ProcessControlDescriptor.IGNORED_BIT;
    private static final long SIG_SPECIFIC = 1L << ProcessControlDescriptor.SIG_SPECIFIC_BIT;
    private static final long FLAG_BITS = ~ProcessControlDescriptor.HANDLER_MASK;

    private final long defaultHandler;

    /**
     * A codec for a process whose default handler lies at an address.
     *
     * @param defaultHandler the address of redox-rt's default handler: 2..2^57-1
     * @throws IllegalArgumentException if the address is 0, 1 or does not fit below the flag bits
     */
    public RedoxActionCodec(final long defaultHandler) {
        if (defaultHandler <= SigAction.SIG_IGN || defaultHandler > SigAction.MAX_HANDLER) {
            throw new IllegalArgumentException("default handler address must be in 2..2^57-1: defaultHandler=0x"
                    + Long.toHexString(defaultHandler));
        }
        this.defaultHandler = defaultHandler;
    }

    /**
     * The default-handler address.
     *
     * @return the address SIG_DFL is stored as
     */
    public long defaultHandler() {
        return defaultHandler;
    }

    /**
     * The {@code first} word of a fresh page, as {@code setup_sighandler} writes it.
     *
     * @param sig 1..64 (every slot, 32 and SIGKILL/SIGSTOP included)
     * @return the word
     */
    public long freshFirst(final int sig) {
        switch (sig) {
            case Signals.SIGTSTP:
            case Signals.SIGTTIN:
            case Signals.SIGTTOU:
                return SIG_SPECIFIC | defaultHandler;
            case Signals.SIGCHLD:
            case Signals.SIGURG:
            case Signals.SIGWINCH:
                return IGNORED | defaultHandler;
            default:
                return defaultHandler;
        }
    }

    /**
     * The {@code first} word {@code sigaction} writes.
     *
     * @param sig 1..31 or 33..64, not SIGKILL or SIGSTOP
     * @param act the action, flags with Linux's values
     * @return the word
     * @throws IllegalArgumentException if the handler is the default-handler address (redox-rt would read it back as
     *                                  SIG_DFL)
     */
    public long encodeFirst(final int sig, final SigAction act) {
        if (act.isHandler() && act.handler() == defaultHandler) {
            throw new IllegalArgumentException(
                    "handler must not be the default handler's address: handler=0x" + Long.toHexString(act.handler()));
        }
        final long flags = RedoxSaFlags.pageBits(RedoxSaFlags.fromLinux(act.flags()));
        if (act.isIgnored()) {
            return IGNORED;
        }
        if (act.isHandler()) {
            return act.handler() | flags;
        }
        switch (sig) {
            case Signals.SIGURG:
            case Signals.SIGWINCH:
                return IGNORED | defaultHandler;
            case Signals.SIGTSTP:
            case Signals.SIGTTIN:
            case Signals.SIGTTOU:
                return SIG_SPECIFIC | defaultHandler;
            case Signals.SIGCHLD:
                return IGNORED | (flags & SIG_SPECIFIC) | defaultHandler;
            default:
                return flags | defaultHandler;
        }
    }

    /**
     * The {@code user_data} word {@code sigaction} writes.
     *
     * @param sig 1..31 or 33..64
     * @param act the action
     * @return all ones where redox-rt does not keep the mask, else the raw {@code sa_mask}
     */
    public long encodeUserData(final int sig, final SigAction act) {
        if (act.isIgnored()) {
            return MASK_DONTCARE;
        }
        if (act.isDefault()) {
            switch (sig) {
                case Signals.SIGURG:
                case Signals.SIGWINCH:
                case Signals.SIGTSTP:
                case Signals.SIGTTIN:
                case Signals.SIGTTOU:
                case Signals.SIGCHLD:
                    return MASK_DONTCARE;
                default:
                    break;
            }
        }
        return act.mask().bits();
    }

    /**
     * Why a {@code first} word decodes to no action, or null if it decodes.
     *
     * @param first the word
     * @return the rule it breaks, or null
     */
    public String whyUndecodable(final long first) {
        final long handler = first & ProcessControlDescriptor.HANDLER_MASK;
        if (handler == defaultHandler) {
            return null;
        }
        if ((first & IGNORED) != 0) {
            return handler == 0 ? null : "an ignored action's handler must be 0 or the default handler";
        }
        return handler == 0 ? "a handler word must not be 0 without IGNORED (it decodes to no action)" : null;
    }

    /**
     * The disposition, as redox-rt's {@code convert_old} reads it.
     *
     * @param first the word
     * @return {@link SigAction#SIG_DFL}, {@link SigAction#SIG_IGN} or the handler address
     */
    public long handlerOf(final long first) {
        final long handler = first & ProcessControlDescriptor.HANDLER_MASK;
        if (handler == defaultHandler) {
            return SigAction.SIG_DFL;
        }
        if ((first & IGNORED) != 0) {
            return SigAction.SIG_IGN;
        }
        return handler;
    }

    /**
     * The action {@code sigaction} reports: the kind, the raw {@code user_data} as the mask, and the stored flags
     * (bit 62 reads as SA_NOCLDSTOP for every signal, as relibc returns it).
     *
     * @param first    the {@code first} word
     * @param userData the {@code user_data} word
     * @return the action
     * @throws IllegalStateException if the word decodes to no action
     */
    public SigAction decode(final long first, final long userData) {
        final String why = whyUndecodable(first);
        if (why != null) {
            throw new IllegalStateException(why + ": first=0x" + Long.toHexString(first));
        }
        final int flags = RedoxSaFlags.toLinux((int) ((first & FLAG_BITS) >>> RedoxSaFlags.PAGE_SHIFT));
        return new SigAction(handlerOf(first), SignalSet.ofBits(userData), flags);
    }
}
