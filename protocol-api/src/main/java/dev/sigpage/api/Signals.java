package dev.sigpage.api;

/**
 * Signal numbers (Linux numbering), names, validation and default actions.
 *
 * <p>Signals 1-31 form the standard group, 32 is reserved, 33-64 form the realtime group. Signal {@code n} lives
 * at bit {@code n-1} of a 64-bit set.
 */
public final class Signals {
    /** Hangup. */
    public static final int SIGHUP = 1;
    /** Interrupt from the keyboard. */
    public static final int SIGINT = 2;
    /** Quit from the keyboard. */
    public static final int SIGQUIT = 3;
    /** Illegal instruction. */
    public static final int SIGILL = 4;
    /** Trace or breakpoint trap. */
    public static final int SIGTRAP = 5;
    /** Abort. */
    public static final int SIGABRT = 6;
    /** Bus error. */
    public static final int SIGBUS = 7;
    /** Floating-point exception. */
    public static final int SIGFPE = 8;
    /** Kill: cannot be caught, blocked or ignored. */
    public static final int SIGKILL = 9;
    /** User-defined signal 1. */
    public static final int SIGUSR1 = 10;
    /** Invalid memory reference. */
    public static final int SIGSEGV = 11;
    /** User-defined signal 2. */
    public static final int SIGUSR2 = 12;
    /** Broken pipe. */
    public static final int SIGPIPE = 13;
    /** Timer signal. */
    public static final int SIGALRM = 14;
    /** Termination request. */
    public static final int SIGTERM = 15;
    /** Coprocessor stack fault. */
    public static final int SIGSTKFLT = 16;
    /** Child stopped or terminated; ignored by default. */
    public static final int SIGCHLD = 17;
    /** Continue if stopped. */
    public static final int SIGCONT = 18;
    /** Stop: cannot be caught, blocked or ignored. */
    public static final int SIGSTOP = 19;
    /** Stop typed at the terminal; stops by default. */
    public static final int SIGTSTP = 20;
    /** Terminal input for a background process; stops by default. */
    public static final int SIGTTIN = 21;
    /** Terminal output for a background process; stops by default. */
    public static final int SIGTTOU = 22;
    /** Urgent condition on a socket; ignored by default. */
    public static final int SIGURG = 23;
    /** CPU time limit exceeded. */
    public static final int SIGXCPU = 24;
    /** File size limit exceeded. */
    public static final int SIGXFSZ = 25;
    /** Virtual alarm clock. */
    public static final int SIGVTALRM = 26;
    /** Profiling timer expired. */
    public static final int SIGPROF = 27;
    /** Window resize; ignored by default. */
    public static final int SIGWINCH = 28;
    /** I/O now possible. */
    public static final int SIGIO = 29;
    /** Power failure. */
    public static final int SIGPWR = 30;
    /** Bad system call. */
    public static final int SIGSYS = 31;
    /** The reserved signal number between the two groups. */
    public static final int RESERVED = 32;
    /** The first realtime signal. */
    public static final int SIGRTMIN = 33;
    /** The last realtime signal. */
    public static final int SIGRTMAX = 64;
    /** The highest signal number. */
    public static final int NSIG = 64;

    /** The rule {@link #checkSignal(int)} enforces, as it appears in error messages. */
    public static final String SIGNAL_RULE = "signal must be in 1..31 or 33..64";

    /** Bits of the signals that can never be blocked, caught or ignored: SIGKILL and SIGSTOP. */
    public static final long UNBLOCKABLE_BITS = (1L << (SIGKILL - 1)) | (1L << (SIGSTOP - 1));

    /** Bits of the stop signals: SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU. */
    public static final long STOP_BITS =
            (1L << (SIGSTOP - 1)) | (1L << (SIGTSTP - 1)) | (1L << (SIGTTIN - 1)) | (1L << (SIGTTOU - 1));

    private static final String[] NAMES = {
        null,
        "SIGHUP",
        "SIGINT",
        "SIGQUIT",
        "SIGILL",
        "SIGTRAP",
        "SIGABRT",
        "SIGBUS",
        "SIGFPE",
        "SIGKILL",
        "SIGUSR1",
        "SIGSEGV",
        "SIGUSR2",
        "SIGPIPE",
        "SIGALRM",
        "SIGTERM",
        "SIGSTKFLT",
        "SIGCHLD",
        "SIGCONT",
        "SIGSTOP",
        "SIGTSTP",
        "SIGTTIN",
        "SIGTTOU",
        "SIGURG",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGVTALRM",
        "SIGPROF",
        "SIGWINCH",
        "SIGIO",
        "SIGPWR",
        "SIGSYS",
    };

    private Signals() {}

    /**
     * The name of a signal number: {@code "SIGINT"}, {@code "SIGRTMIN"}, {@code "SIGRTMIN+2"}, {@code "SIG32"} for
     * the reserved number.
     *
     * @param sig a signal number in 1..64
     * @return its name
     * @throws IllegalArgumentException if {@code sig} is outside 1..64
     */
    public static String name(final int sig) {
        if (sig < 1 || sig > NSIG) {
            throw new IllegalArgumentException("signal must be in 1..64: signal=" + sig);
        }
        if (sig < RESERVED) {
            return NAMES[sig];
        }
        if (sig == RESERVED) {
            return "SIG32";
        }
        return sig == SIGRTMIN ? "SIGRTMIN" : "SIGRTMIN+" + (sig - SIGRTMIN);
    }

    /**
     * Checks a signal number given to a protocol operation.
     *
     * @param sig the number
     * @return {@code sig}
     * @throws SignalException EINVAL naming {@code signal} for 0, 32, 65 and above, and negative numbers
     */
    public static int checkSignal(final int sig) {
        if (sig < 1 || sig > NSIG || sig == RESERVED) {
            throw new SignalException(Errno.EINVAL, SIGNAL_RULE, "signal", sig);
        }
        return sig;
    }

    /**
     * Whether a number is a valid signal of either group (1..31 or 33..64).
     *
     * @param sig the number
     * @return true if {@link #checkSignal(int)} would accept it
     */
    public static boolean isValid(final int sig) {
        return sig >= 1 && sig <= NSIG && sig != RESERVED;
    }

    /**
     * Whether a signal belongs to the realtime group 33..64.
     *
     * @param sig the number
     * @return true for 33..64
     */
    public static boolean isRealtime(final int sig) {
        return sig >= SIGRTMIN && sig <= SIGRTMAX;
    }

    /**
     * The bit of a signal in a 64-bit set.
     *
     * @param sig a number in 1..64 (not checked)
     * @return {@code 1L << (sig - 1)}
     */
    public static long bit(final int sig) {
        return 1L << (sig - 1);
    }

    /**
     * What {@code SIG_DFL} does for a signal.
     *
     * @param sig a signal number
     * @return IGNORE for SIGCHLD, SIGURG, SIGWINCH; STOP for SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU; CONTINUE for
     *     SIGCONT; TERMINATE otherwise (realtime signals included)
     * @throws SignalException EINVAL for an invalid number
     */
    public static DefaultAction defaultAction(final int sig) {
        checkSignal(sig);
        switch (sig) {
            case SIGCHLD:
            case SIGURG:
            case SIGWINCH:
                return DefaultAction.IGNORE;
            case SIGSTOP:
            case SIGTSTP:
            case SIGTTIN:
            case SIGTTOU:
                return DefaultAction.STOP;
            case SIGCONT:
                return DefaultAction.CONTINUE;
            default:
                return DefaultAction.TERMINATE;
        }
    }
}
