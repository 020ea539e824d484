package dev.sigpage.api;

/**
 * The {@code sa_flags} values of Redox's C library (relibc, {@code src/header/signal/redox.rs} and
 * {@code constants.rs} at commit {@code 6359922768c6}), beside Linux's in {@link SaFlags}.
 *
 * <p>relibc chose its values so that a flag's page bit is the flag shifted up by 32: redox-rt stores
 * {@code (sa_flags & 0xfe00_0000) << 32} in bits 57-63 of an action's {@code first} word and drops the rest
 * ({@code SA_NOCLDWAIT}, {@code SA_RESTORER}). So its {@code SA_RESTART} is {@code 0x0800_0000}, the value of Linux's
 * {@code SA_ONSTACK}. Both sets of constants encode to the same page bits; {@link #toLinux} and {@link #fromLinux}
 * translate between them.
 */
public final class RedoxSaFlags {
    /** Not stored: children do not become zombies. */
    public static final int SA_NOCLDWAIT = 0x0000_0002;
    /** Not stored: {@code sa_restorer} holds a trampoline. */
    public static final int SA_RESTORER = 0x0000_0004;
    /** The handler takes three arguments; page bit 57. */
    public static final int SA_SIGINFO = 0x0200_0000;
    /** The handler runs on the alternate stack; page bit 58. */
    public static final int SA_ONSTACK = 0x0400_0000;
    /** Interrupted calls restart; page bit 59. */
    public static final int SA_RESTART = 0x0800_0000;
    /** The signal is not blocked in its own handler; page bit 60. */
    public static final int SA_NODEFER = 0x1000_0000;
    /** The action resets to SIG_DFL on entry; page bit 61. */
    public static final int SA_RESETHAND = 0x2000_0000;
    /** No SIGCHLD for stopped or continued children; page bit 62 (relibc stores it for any signal). */
    public static final int SA_NOCLDSTOP = 0x4000_0000;
    /** redox-rt's own IGNORED bit ({@code SigactionFlags::IGNORED}); page bit 63. Not a C flag. */
    public static final int IGNORED = 0x8000_0000;
    /** The flags redox-rt keeps in the page ({@code STORED_FLAGS}). */
    public static final int STORED = 0xfe00_0000;
    /** How far a stored flag is shifted into the {@code first} word. */
    public static final int PAGE_SHIFT = 32;

    private RedoxSaFlags() {}

    /**
     * The page bits of relibc flags, as redox-rt stores them.
     *
     * @param redoxFlags relibc {@code sa_flags}
     * @return bits 57-63 of the {@code first} word
     */
    public static long pageBits(final int redoxFlags) {
        return (long) (redoxFlags & STORED) << PAGE_SHIFT & 0xFE00_0000_0000_0000L;
    }

    /**
     * The relibc flags of Linux-valued flags ({@link SaFlags}).
     *
     * @param linuxFlags flags with Linux's values
     * @return the same flags with relibc's values; {@code SA_NOCLDWAIT} kept, unknown bits dropped
     */
    public static int fromLinux(final int linuxFlags) {
        int out = 0;
        out |= map(linuxFlags, SaFlags.SA_NOCLDSTOP, SA_NOCLDSTOP);
        out |= map(linuxFlags, SaFlags.SA_NOCLDWAIT, SA_NOCLDWAIT);
        out |= map(linuxFlags, SaFlags.SA_SIGINFO, SA_SIGINFO);
        out |= map(linuxFlags, SaFlags.SA_ONSTACK, SA_ONSTACK);
        out |= map(linuxFlags, SaFlags.SA_RESTART, SA_RESTART);
        out |= map(linuxFlags, SaFlags.SA_NODEFER, SA_NODEFER);
        out |= map(linuxFlags, SaFlags.SA_RESETHAND, SA_RESETHAND);
        return out;
    }

    /**
     * The Linux-valued flags of relibc flags.
     *
     * @param redoxFlags relibc {@code sa_flags}
     * @return the same flags with Linux's values; {@code SA_RESTORER}, {@link #IGNORED} and unknown bits dropped
     */
    public static int toLinux(final int redoxFlags) {
        int out = 0;
        out |= map(redoxFlags, SA_NOCLDSTOP, SaFlags.SA_NOCLDSTOP);
        out |= map(redoxFlags, SA_NOCLDWAIT, SaFlags.SA_NOCLDWAIT);
        out |= map(redoxFlags, SA_SIGINFO, SaFlags.SA_SIGINFO);
        out |= map(redoxFlags, SA_ONSTACK, SaFlags.SA_ONSTACK);
        out |= map(redoxFlags, SA_RESTART, SaFlags.SA_RESTART);
        out |= map(redoxFlags, SA_NODEFER, SaFlags.SA_NODEFER);
        out |= map(redoxFlags, SA_RESETHAND, SaFlags.SA_RESETHAND);
        return out;
    }

    private static int map(final int flags, final int from, final int to) {
        return (flags & from) != 0 ? to : 0;
    }
}
