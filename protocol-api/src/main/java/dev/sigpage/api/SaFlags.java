package dev.sigpage.api;

/**
 * The {@code sa_flags} of {@code sigaction}, with Linux's values. In the process page they are stored in bits
 * 57-63 of an action's {@code first} word (see {@link ProcessControlDescriptor}).
 */
public final class SaFlags {
    /** SIGCHLD only: no SIGCHLD when a child stops or continues. */
    public static final int SA_NOCLDSTOP = 1;
    /** SIGCHLD only: children do not become zombies. Not modelled: refused with EINVAL. */
    public static final int SA_NOCLDWAIT = 2;
    /** The handler takes three arguments (signal, siginfo, context). */
    public static final int SA_SIGINFO = 4;
    /** The handler runs on the alternate signal stack. */
    public static final int SA_ONSTACK = 0x0800_0000;
    /** An interrupted system call restarts transparently. */
    public static final int SA_RESTART = 0x1000_0000;
    /** The signal is not added to the mask while its handler runs. */
    public static final int SA_NODEFER = 0x4000_0000;
    /** The action is reset to {@code SIG_DFL} when the handler is entered. */
    public static final int SA_RESETHAND = 0x8000_0000;

    /** Every flag the model stores and honours. */
    public static final int SUPPORTED = SA_NOCLDSTOP | SA_SIGINFO | SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND;

    private SaFlags() {}

    /**
     * Names the flags of a value, e.g. {@code "SA_RESTART|SA_SIGINFO"}, or {@code "0"}.
     *
     * @param flags the flags
     * @return the names joined by {@code |}; unknown bits in hexadecimal
     */
    public static String toString(final int flags) {
        final StringBuilder sb = new StringBuilder();
        int rest = flags;
        rest = append(sb, rest, SA_NOCLDSTOP, "SA_NOCLDSTOP");
        rest = append(sb, rest, SA_NOCLDWAIT, "SA_NOCLDWAIT");
        rest = append(sb, rest, SA_SIGINFO, "SA_SIGINFO");
        rest = append(sb, rest, SA_ONSTACK, "SA_ONSTACK");
        rest = append(sb, rest, SA_RESTART, "SA_RESTART");
        rest = append(sb, rest, SA_NODEFER, "SA_NODEFER");
        rest = append(sb, rest, SA_RESETHAND, "SA_RESETHAND");
        if (rest != 0) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append("0x").append(Integer.toHexString(rest));
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    private static int append(final StringBuilder sb, final int flags, final int flag, final String name) {
        if ((flags & flag) == 0) {
            return flags;
        }
        if (sb.length() > 0) {
            sb.append('|');
        }
        sb.append(name);
        return flags & ~flag;
    }
}
