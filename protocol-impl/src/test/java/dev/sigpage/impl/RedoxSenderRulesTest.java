package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sender rules of the REDOX profile beyond the report's scenarios, and bad input under both profiles: a clear
 * error naming the value, and every page, queue and region byte-identical afterwards.
 */
class RedoxSenderRulesTest {
    private static Kernel kernel(final Profile profile) {
        return new Kernel(KernelConfig.defaults().withProfile(profile));
    }

    private static Errno errno(final SignalException e) {
        return e.errno();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void badInputChangesNoByte(final Profile profile) {
        final Kernel k = kernel(profile);
        final ModelProcess app = k.spawn(1000, 1000);
        final ModelThread main = app.mainThread();
        final ModelProcess stranger = k.spawn(3000, 3000);
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1, Signals.SIGRTMIN));
        app.sigaction(Signals.SIGUSR2, SigAction.handler(0x401000L, SignalSet.empty(), 0));
        k.kill(null, app.pid(), Signals.SIGUSR1);
        for (int i = 0; i < KernelConfig.DEFAULT_REALTIME_QUEUE_DEPTH; i++) {
            k.sigqueue(null, app.pid(), Signals.SIGRTMIN, i);
        }
        final ModelProcess[] all = {app, stranger};
        assertEquals(
                Errno.EINVAL, errno(Pages.unchanged(SignalException.class, () -> k.kill(null, app.pid(), 65), all)));
        assertEquals(
                Errno.EINVAL, errno(Pages.unchanged(SignalException.class, () -> k.kill(null, -app.pgid(), 32), all)));
        assertEquals(
                Errno.EPERM,
                errno(Pages.unchanged(
                        SignalException.class, () -> k.kill(stranger.mainThread(), app.pid(), Signals.SIGUSR2), all)));
        assertEquals(
                Errno.ESRCH,
                errno(Pages.unchanged(
                        SignalException.class, () -> k.tgkill(null, app.pid(), 9999, Signals.SIGUSR2), all)));
        assertEquals(
                Errno.ESRCH,
                errno(Pages.unchanged(SignalException.class, () -> k.kill(null, -9999, Signals.SIGUSR2), all)));
        assertEquals(
                Errno.EAGAIN,
                errno(Pages.unchanged(
                        SignalException.class, () -> k.sigqueue(null, app.pid(), Signals.SIGRTMIN, 99), all)));
        assertEquals(
                Errno.EINVAL,
                errno(Pages.unchanged(
                        SignalException.class, () -> app.sigaction(Signals.SIGKILL, SigAction.IGNORE), all)));
        assertEquals(
                Errno.EINVAL,
                errno(Pages.unchanged(SignalException.class, () -> app.sigaction(32, SigAction.IGNORE), all)));
        assertEquals(Errno.EPERM, errno(Pages.unchanged(SignalException.class, () -> app.setpgid(4242), all)));
        assertEquals(Errno.EINVAL, errno(Pages.unchanged(SignalException.class, () -> app.setpgid(-1), all)));
        assertEquals(
                Errno.ENOMEM,
                errno(Pages.unchanged(
                        SignalException.class, () -> main.sigaltstack(new AltStack(0x7000_0000L, 100, 0)), all)));
        final SignalException e = Pages.unchanged(
                SignalException.class, () -> k.kill(stranger.mainThread(), app.pid(), Signals.SIGUSR2), all);
        assertTrue(e.getMessage().contains("uid=3000"), e.getMessage());
    }

    /**
     * procmgr handles a send as one request: the stop or continue and the parent's SIGCHLD are both in place before
     * the parent's waitpid can answer. The send hook (the engine's waitpid event) must therefore see the parent's
     * SIGCHLD already pending, or a parent that wakes from waitpid may check for its handler before SIGCHLD exists.
     */
    @Test
    void theParentsSigchldIsPendingBeforeTheStopOrContinueIsReported() {
        final Kernel k = kernel(Profile.REDOX);
        final ModelProcess parent = k.spawn(1000, 1000);
        parent.mainThread().sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGCHLD));
        parent.sigaction(Signals.SIGCHLD, SigAction.handler(0x401000L, SignalSet.empty(), 0));
        final ModelProcess child = parent.fork(parent.mainThread());
        final List<String> seen = new ArrayList<>();
        k.sendHook((target, tid, sig) -> seen.add(Signals.name(sig) + " reported, parent's SIGCHLD pending "
                + parent.pendingSet().contains(Signals.SIGCHLD)));
        k.kill(null, child.pid(), Signals.SIGSTOP);
        assertEquals(
                Signals.SIGCHLD,
                parent.mainThread().sigtimedwait(SignalSet.of(Signals.SIGCHLD), new MutableSigInfo(), 0L),
                "the SIGCHLD of the stop, taken");
        k.kill(null, child.pid(), Signals.SIGCONT);
        assertEquals(
                List.of(
                        "SIGSTOP reported, parent's SIGCHLD pending true",
                        "SIGCONT reported, parent's SIGCHLD pending true"),
                seen);
    }

    @Test
    void nullSignalUnderRedoxChecksAndChangesNothing() {
        final Kernel k = kernel(Profile.REDOX);
        final ModelProcess app = k.spawn(1000, 1000);
        final ModelProcess stranger = k.spawn(3000, 3000);
        final byte[][] before = Pages.snapshot(app, stranger);
        k.kill(k.spawn(1000, 1000).mainThread(), app.pid(), 0);
        k.tgkill(null, app.pid(), app.mainThread().tid(), 0);
        assertArrayEquals(before, Pages.snapshot(app, stranger));
        assertEquals(
                Errno.EPERM,
                errno(Pages.unchanged(
                        SignalException.class, () -> k.kill(stranger.mainThread(), app.pid(), 0), app, stranger)));
        assertEquals(
                Errno.ESRCH, errno(Pages.unchanged(SignalException.class, () -> k.kill(null, 9999, 0), app, stranger)));
        assertEquals(
                Errno.ESRCH,
                errno(Pages.unchanged(SignalException.class, () -> k.tgkill(null, app.pid(), 9999, 0), app, stranger)));
    }

    @Test
    void sigkillUnderRedoxIsNeverPendingAndReachesTheHook() {
        final Kernel k = kernel(Profile.REDOX);
        final ModelProcess app = k.spawn(1000, 1000);
        final List<String> seen = new ArrayList<>();
        k.sendHook((target, tid, sig) -> seen.add(target.pid() + ":" + tid + ":" + sig));
        k.kill(null, app.pid(), Signals.SIGKILL);
        k.tgkill(null, app.pid(), app.mainThread().tid(), Signals.SIGKILL);
        assertEquals(0L, app.control().pendingWord());
        assertEquals(0L, app.mainThread().threadPendingBits());
        assertEquals(
                List.of(app.pid() + ":0:9", app.pid() + ":" + app.mainThread().tid() + ":9"), seen);
    }

    @Test
    void sigcontToAStoppedProcessClearsStopBitsFromEveryThreadWord() {
        final Kernel k = kernel(Profile.REDOX);
        final ModelProcess app = k.spawn(1000, 1000);
        final ModelThread main = app.mainThread();
        app.sigaction(Signals.SIGTTIN, SigAction.handler(0x401000L, SignalSet.empty(), 0));
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGTTIN, Signals.SIGCONT));
        k.tgkill(null, app.pid(), main.tid(), Signals.SIGTTIN);
        k.kill(null, app.pid(), Signals.SIGSTOP);
        assertTrue(app.isStopped());
        assertEquals(SignalSet.of(Signals.SIGTTIN), main.threadPendingSet(), "a caught TTIN stays while stopped");
        k.kill(null, app.pid(), Signals.SIGCONT);
        assertFalse(app.isStopped());
        assertEquals(SignalSet.empty(), main.threadPendingSet(), "procmgr clears stop bits from thread words");
        assertEquals(SignalSet.of(Signals.SIGCONT), app.pendingSet());
    }

    /** REDOX.md: SIGCONT to a stopped process clears every stop bit (TSTP, TTIN, TTOU) in every thread's word 0. */
    @Test
    void sigcontClearsEachCaughtStopSignalFromEveryThread() {
        final Kernel k = kernel(Profile.REDOX);
        final ModelProcess app = k.spawn(1000, 1000);
        final ModelThread main = app.mainThread();
        final ModelThread other = app.createThread(main);
        final SignalSet caught = SignalSet.of(Signals.SIGTSTP, Signals.SIGTTIN, Signals.SIGTTOU);
        for (final ModelThread t : List.of(main, other)) {
            t.sigprocmask(MaskHow.BLOCK, SignalSet.ofBits(caught.bits() | Signals.bit(Signals.SIGCONT)));
        }
        for (final int sig : new int[] {Signals.SIGTSTP, Signals.SIGTTIN, Signals.SIGTTOU}) {
            app.sigaction(sig, SigAction.handler(0x401000L, SignalSet.empty(), 0));
            k.tgkill(null, app.pid(), main.tid(), sig);
            k.tgkill(null, app.pid(), other.tid(), sig);
        }
        assertEquals(caught, main.threadPendingSet(), "caught stop signals are pending, not acted on");
        k.kill(null, app.pid(), Signals.SIGSTOP);
        assertTrue(app.isStopped());
        k.kill(null, app.pid(), Signals.SIGCONT);
        assertFalse(app.isStopped());
        assertEquals(SignalSet.empty(), main.threadPendingSet(), "main thread's stop bits");
        assertEquals(SignalSet.empty(), other.threadPendingSet(), "other thread's stop bits");
    }

    /** REDOX.md: a stop at send time clears SIGCONT from every thread word and from the process word. */
    @Test
    void aStopClearsAPendingSigcontFromEveryThreadAndTheProcess() {
        final Kernel k = kernel(Profile.REDOX);
        final ModelProcess app = k.spawn(1000, 1000);
        final ModelThread main = app.mainThread();
        final ModelThread other = app.createThread(main);
        for (final ModelThread t : List.of(main, other)) {
            t.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGCONT));
        }
        // not stopped: SIGCONT is an ordinary signal and stays pending where it was sent.
        k.tgkill(null, app.pid(), main.tid(), Signals.SIGCONT);
        k.tgkill(null, app.pid(), other.tid(), Signals.SIGCONT);
        k.kill(null, app.pid(), Signals.SIGCONT);
        assertEquals(SignalSet.of(Signals.SIGCONT), other.threadPendingSet());
        assertEquals(SignalSet.of(Signals.SIGCONT), app.pendingSet());
        k.kill(null, app.pid(), Signals.SIGSTOP);
        assertTrue(app.isStopped());
        assertEquals(SignalSet.empty(), main.threadPendingSet(), "main thread's SIGCONT");
        assertEquals(SignalSet.empty(), other.threadPendingSet(), "other thread's SIGCONT");
        assertEquals(SignalSet.empty(), app.pendingSet(), "the process word's SIGCONT");
    }

    @Test
    void redoxStopAndContinueSendSigchldToTheParentFromPidOne() {
        final Kernel k = kernel(Profile.REDOX);
        final ModelProcess shell = k.spawn(1000, 1000);
        final ModelThread sh = shell.mainThread();
        final ModelProcess job = shell.fork(sh);
        sh.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGCHLD));
        k.kill(null, job.pid(), Signals.SIGSTOP);
        assertEquals(SignalSet.empty(), shell.pendingSet(), "SIGCHLD's default action ignores: discarded");
        shell.sigaction(Signals.SIGCHLD, SigAction.handler(0x401000L, SignalSet.empty(), 0));
        k.kill(null, job.pid(), Signals.SIGCONT);
        assertEquals(SignalSet.of(Signals.SIGCHLD), shell.pendingSet());
        sh.sigprocmask(MaskHow.SETMASK, SignalSet.empty());
        final MutableSigInfo info = new MutableSigInfo();
        assertEquals(Signals.SIGCHLD, sh.claim(info));
        assertEquals(1, info.senderPid(), "procmgr sends it as init");
        shell.sigaction(
                Signals.SIGCHLD, SigAction.handler(0x401000L, SignalSet.empty(), dev.sigpage.api.SaFlags.SA_NOCLDSTOP));
        k.kill(null, job.pid(), Signals.SIGSTOP);
        assertEquals(SignalSet.empty(), shell.pendingSet(), "SA_NOCLDSTOP: none");
        final Kernel posix = kernel(Profile.POSIX);
        final ModelProcess pshell = posix.spawn(1000, 1000);
        pshell.sigaction(Signals.SIGCHLD, SigAction.handler(0x401000L, SignalSet.empty(), 0));
        posix.kill(null, pshell.fork(pshell.mainThread()).pid(), Signals.SIGSTOP);
        assertEquals(SignalSet.empty(), pshell.pendingSet(), "under POSIX the engine generates it at the stop");
    }

    @Test
    void redoxForkKeepsPendingWithItsSenderInfo() {
        final Kernel k = kernel(Profile.REDOX);
        final ModelThread sender = k.spawn(1000, 1000).mainThread();
        final ModelThread main = k.spawn(1000, 1000).mainThread();
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
        k.kill(sender, main.process().pid(), Signals.SIGUSR1);
        final ModelThread child = main.process().fork(main).mainThread();
        child.sigprocmask(MaskHow.SETMASK, SignalSet.empty());
        final MutableSigInfo info = new MutableSigInfo();
        assertEquals(Signals.SIGUSR1, child.claim(info));
        assertEquals(sender.process().pid(), info.senderPid());
    }

    @Test
    void processGroupsAndOrphans() {
        final Kernel k = kernel(Profile.POSIX);
        final ModelProcess shell = k.spawn(1000, 1000);
        assertEquals(shell.pid(), shell.pgid());
        assertEquals(0, shell.ppid());
        assertTrue(k.isOrphanedGroup(shell.pgid()), "no member has a parent: orphaned");
        final ModelProcess job = shell.fork(shell.mainThread());
        assertEquals(shell.pid(), job.ppid());
        assertEquals(shell.pgid(), job.pgid(), "a child starts in its parent's group");
        job.setpgid(0);
        assertEquals(job.pid(), job.pgid());
        assertFalse(k.isOrphanedGroup(job.pgid()), "the parent is in another group");
        final ModelProcess sibling = k.spawn(1000, 1000);
        sibling.setpgid(job.pgid());
        assertEquals(job.pgid(), sibling.pgid());
        shell.exit(0);
        assertTrue(k.isOrphanedGroup(job.pgid()), "the parent has exited");
    }

    /**
     * EPERM names the profile's permission rule (DESIGN.md: POSIX, uid 0 or the target's real or saved uid; REDOX,
     * uid 0 or the target's real uid) and the sender's uid.
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void aRefusedPermissionNamesTheProfilesRuleAndTheUid(final Profile profile) {
        final Kernel k = new Kernel(KernelConfig.defaults().withProfile(profile));
        final ModelProcess app = k.spawn(1000, 1000);
        final ModelProcess stranger = k.spawn(2000, 2000);
        final SignalException e = Pages.unchanged(
                SignalException.class, () -> k.kill(stranger.mainThread(), app.pid(), Signals.SIGUSR2), app, stranger);
        assertEquals(Errno.EPERM, e.errno());
        assertTrue(e.getMessage().endsWith(": uid=2000"), e.getMessage());
        assertTrue(e.getMessage().contains("real"), e.getMessage());
        assertEquals(profile == Profile.POSIX, e.getMessage().contains("saved"), e.getMessage());
    }
}
