package dev.sigpage.conformance;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.engine.SignalHandler;
import dev.sigpage.impl.engine.Sys;

/**
 * The System V and C library signal functions the suites test ({@code signal}, {@code sighold},
 * {@code sigrelse}, {@code sigignore}, {@code sigset}, {@code sigpause}, {@code killpg}), written the way a C
 * library writes them: on top of the engine's {@code sigaction}, {@code sigprocmask}, {@code sigsuspend} and
 * {@code kill}. They
 * belong to the catalogue, not to the library: the engine has no C library.
 */
public final class Libc {
    /** {@code SIG_HOLD} of {@code sigset}: a disposition value no handler address takes. */
    public static final long SIG_HOLD = 2;

    private Libc() {}

    /**
     * Registers a Java handler in the engine's table.
     *
     * @param sys     the calling thread
     * @param handler the handler
     * @return its address, a disposition for {@link #signal} and {@link #sigset}
     */
    public static long handler(final Sys sys, final SignalHandler handler) {
        return sys.process().engine().handlers().register(handler);
    }

    /**
     * {@code signal} with BSD semantics (as glibc): the handler stays installed, calls restart.
     *
     * @param sys  the calling thread
     * @param sig  the signal
     * @param disp SIG_DFL, SIG_IGN or a handler address
     * @return the previous disposition
     * @throws SignalException EINVAL for an invalid signal, or SIGKILL/SIGSTOP
     */
    public static long signal(final Sys sys, final int sig, final long disp) {
        final SigAction act = disp == SigAction.SIG_DFL || disp == SigAction.SIG_IGN
                ? new SigAction(disp, SignalSet.empty(), 0)
                : SigAction.handler(disp, SignalSet.empty(), SaFlags.SA_RESTART);
        return sys.sigaction(sig, act).handler();
    }

    /**
     * {@code sighold}: adds the signal to the mask.
     *
     * @param sys the calling thread
     * @param sig the signal
     * @throws SignalException EINVAL for an invalid signal
     */
    public static void sighold(final Sys sys, final int sig) {
        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.checkSignal(sig)));
    }

    /**
     * {@code sigrelse}: removes the signal from the mask.
     *
     * @param sys the calling thread
     * @param sig the signal
     * @throws SignalException EINVAL for an invalid signal
     */
    public static void sigrelse(final Sys sys, final int sig) {
        sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(Signals.checkSignal(sig)));
    }

    /**
     * {@code sigignore}: sets the disposition to SIG_IGN.
     *
     * @param sys the calling thread
     * @param sig the signal
     * @throws SignalException EINVAL for an invalid signal, or SIGKILL/SIGSTOP
     */
    public static void sigignore(final Sys sys, final int sig) {
        sys.sigaction(sig, SigAction.IGNORE);
    }

    /**
     * {@code sigset}: SIG_HOLD adds the signal to the mask and keeps the disposition; anything else installs the
     * disposition (a handler runs with the signal blocked) and removes the signal from the mask.
     *
     * @param sys  the calling thread
     * @param sig  the signal
     * @param disp SIG_DFL, SIG_IGN, SIG_HOLD or a handler address
     * @return SIG_HOLD if the signal was blocked, else the previous disposition
     * @throws SignalException EINVAL for an invalid signal, or SIGKILL/SIGSTOP
     */
    public static long sigset(final Sys sys, final int sig, final long disp) {
        Signals.checkSignal(sig);
        if (sig == Signals.SIGKILL || sig == Signals.SIGSTOP) {
            throw new SignalException(
                    Errno.EINVAL, "the action of SIGKILL and SIGSTOP cannot be changed", "signal", sig);
        }
        final boolean wasBlocked = sys.mask().contains(sig);
        if (disp == SIG_HOLD) {
            final long old = sys.process().model().sigaction(sig).handler();
            sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
            return wasBlocked ? SIG_HOLD : old;
        }
        final SigAction act = disp == SigAction.SIG_DFL || disp == SigAction.SIG_IGN
                ? new SigAction(disp, SignalSet.empty(), 0)
                : SigAction.handler(disp, SignalSet.empty(), 0);
        final long old = sys.sigaction(sig, act).handler();
        sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(sig));
        return wasBlocked ? SIG_HOLD : old;
    }

    /**
     * {@code sigpause}: waits with the signal removed from the mask; the mask comes back afterwards.
     *
     * @param sys the calling thread
     * @param sig the signal
     * @return never returns normally
     * @throws SignalException EINTR after a handler ran, EINVAL for an invalid signal
     */
    public static SignalException sigpause(final Sys sys, final int sig) {
        Signals.checkSignal(sig);
        return sys.sigsuspend(sys.mask().without(sig));
    }

    /**
     * {@code killpg}: {@code kill(-pgrp, sig)}, after refusing a negative group (whose negation would name a single
     * process). A {@code pgrp} of 0 or 1 passes on as {@code kill(0)} (the caller's group) or {@code kill(-1)} (a
     * broadcast), as glibc and musl pass it on.
     *
     * @param sys  the calling thread
     * @param pgrp the process group
     * @param sig  the signal, or 0 to check only
     * @throws SignalException EINVAL for a negative group or an invalid signal; EPERM or ESRCH as kill fails
     */
    public static void killpg(final Sys sys, final int pgrp, final int sig) {
        if (pgrp < 0) {
            throw new SignalException(Errno.EINVAL, "process group must be 0 or more", "pgrp", pgrp);
        }
        sys.kill(-pgrp, sig);
    }
}
