package dev.sigpage.impl;

import static dev.sigpage.impl.Pages.unchanged;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every operation of the protocol and its error paths, on real off-heap pages.
 */
class ProtocolTest {
    private Kernel kernel;
    private ModelProcess shell;
    private ModelProcess app;
    private ModelThread sender;
    private ModelThread main;
    private final MutableSigInfo info = new MutableSigInfo();

    /** The kernel's configuration; {@link LockFreeProtocolTest} runs every test on the lock-free realtime queue. */
    KernelConfig config() {
        return KernelConfig.defaults().withRealtimeQueueDepth(4).withMaxThreadsPerProcess(4);
    }

    @BeforeEach
    void setUp() {
        kernel = new Kernel(config());
        shell = kernel.spawn(1000, 1000);
        app = kernel.spawn(1000, 1000);
        sender = shell.mainThread();
        main = app.mainThread();
    }

    // ------------------------------------------------------------ processes and threads

    @Test
    void pidsAndTidsCountUp() {
        assertEquals(1, shell.pid());
        assertEquals(2, app.pid());
        assertEquals(1, sender.tid());
        assertEquals(2, main.tid());
        assertEquals(3, app.createThread(main).tid());
        assertEquals(app, kernel.process(2));
        assertEquals(main, kernel.thread(2));
    }

    @Test
    void unknownProcessIsEsrch() {
        final SignalException e = assertThrows(SignalException.class, () -> kernel.process(99));
        assertEquals(Errno.ESRCH, e.errno());
        assertEquals("pid", e.valueName());
        assertEquals(99, e.value());
        assertEquals("ESRCH: no such process: pid=99", e.getMessage());
    }

    @Test
    void createThreadInheritsMaskWithNothingPending() {
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGINT, 40));
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGUSR1);
        final ModelThread t = app.createThread(main);
        assertEquals(SignalSet.of(Signals.SIGINT, 40), t.mask());
        assertTrue(t.threadPendingSet().isEmpty());
        assertEquals(SignalSet.of(Signals.SIGUSR1), main.threadPendingSet());
    }

    @Test
    void createThreadFromAnotherProcessIsRefused() {
        final IllegalArgumentException e =
                unchanged(IllegalArgumentException.class, () -> app.createThread(sender), app, shell);
        assertTrue(e.getMessage().endsWith("tid=1"), e.getMessage());
    }

    @Test
    void threadSlotsRunOut() {
        app.createThread(main);
        app.createThread(main);
        app.createThread(main);
        final IllegalStateException e = unchanged(IllegalStateException.class, () -> app.createThread(main), app);
        assertTrue(e.getMessage().contains("maxThreadsPerProcess=4"), e.getMessage());
    }

    @Test
    void exitedThreadIsRefusedNamingItsTid() {
        final ModelThread t = app.createThread(main);
        t.exit();
        assertFalse(t.isAlive());
        final IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> t.sigprocmask(MaskHow.BLOCK, 1L));
        assertEquals("thread has exited: tid=3", e.getMessage());
        assertThrows(IllegalStateException.class, () -> t.claim(info));
        assertThrows(IllegalStateException.class, t::mask);
        assertThrows(IllegalStateException.class, t::inhibitDelivery);
        assertThrows(IllegalStateException.class, () -> t.awaitDeliverable(1));
        final SignalException s =
                unchanged(SignalException.class, () -> kernel.tgkill(sender, app.pid(), t.tid(), Signals.SIGINT), app);
        assertEquals(Errno.ESRCH, s.errno());
        assertEquals("tid", s.valueName());
        assertThrows(IllegalStateException.class, () -> kernel.kill(t, app.pid(), Signals.SIGINT));
    }

    @Test
    void lastThreadExitingEndsTheProcess() {
        main.exit();
        assertFalse(app.isAlive());
        assertEquals(
                Errno.ESRCH,
                assertThrows(SignalException.class, () -> kernel.kill(sender, app.pid(), Signals.SIGINT))
                        .errno());
    }

    @Test
    void mainThreadExitingHandsOverToTheNextThread() {
        final ModelThread t = app.createThread(main);
        main.exit();
        assertTrue(app.isAlive());
        assertEquals(t, app.mainThread());
    }

    @Test
    void exitedProcessRefusesSendsAndOperations() {
        app.exit(3);
        assertEquals(3, app.exitStatus());
        assertFalse(main.isAlive());
        assertEquals(
                Errno.ESRCH,
                assertThrows(SignalException.class, () -> kernel.sigqueue(sender, app.pid(), 40, 1))
                        .errno());
        assertThrows(IllegalStateException.class, () -> app.sigaction(Signals.SIGINT, SigAction.IGNORE));
        assertThrows(IllegalStateException.class, () -> app.exit(0));
    }

    // ------------------------------------------------------------ masks

    @Test
    void sigprocmaskBlockUnblockSetmaskReturnTheOldMask() {
        assertEquals(SignalSet.empty(), main.sigprocmask(MaskHow.BLOCK, SignalSet.of(1, 2)));
        assertEquals(SignalSet.of(1, 2), main.sigprocmask(MaskHow.BLOCK, SignalSet.of(40)));
        assertEquals(SignalSet.of(1, 2, 40), main.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(2)));
        assertEquals(SignalSet.of(1, 40), main.sigprocmask(MaskHow.SETMASK, SignalSet.of(64)));
        assertEquals(SignalSet.of(64), main.mask());
        assertEquals(1L << 63, main.sigprocmask(MaskHow.SETMASK, 0L));
    }

    @Test
    void killAndStopStayUnblocked() {
        main.sigprocmask(MaskHow.SETMASK, SignalSet.full());
        assertEquals(SignalSet.full().without(Signals.SIGKILL).without(Signals.SIGSTOP), main.mask());
        kernel.kill(sender, app.pid(), Signals.SIGKILL);
        assertEquals(SignalSet.of(Signals.SIGKILL), main.deliverableSet());
        assertEquals(Signals.SIGKILL, main.claim(info));
    }

    @Test
    void unknownHowIsEinvalNamingHow() {
        final SignalException e = assertThrows(SignalException.class, () -> MaskHow.fromCode(3));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("how", e.valueName());
        assertEquals(3, e.value());
        assertThrows(NullPointerException.class, () -> main.sigprocmask(null, 1L));
    }

    @Test
    void maskChangeIsOneGetAndAddPerChangedWordAndKeepsPendingBits() {
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGHUP);
        kernel.sigqueueThread(sender, app.pid(), main.tid(), 33, 1);
        final long w0 = main.control().word(0);
        final long w1 = main.control().word(1);
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGHUP));
        assertEquals(w0 & 0xFFFF_FFFFL, main.control().word(0) & 0xFFFF_FFFFL, "pending half of word 0 kept");
        assertEquals(w1, main.control().word(1), "word 1 untouched when its allow half does not change");
        assertEquals(SignalSet.of(Signals.SIGHUP), main.sigpending());
    }

    @Test
    void replaceAllowReturnsThePreviousWord() {
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGHUP);
        final long prev = main.control().replaceAllow(0, 0x1234);
        assertEquals(0xFFFF_FFFF_0000_0001L, prev);
        assertEquals(0x0000_1234_0000_0001L, main.control().word(0));
        assertThrows(IndexOutOfBoundsException.class, () -> main.control().replaceAllow(2, 0));
    }

    // ------------------------------------------------------------ sends and claims

    @ParameterizedTest
    @ValueSource(ints = {32, 65, -1, Integer.MIN_VALUE})
    void invalidSignalsAreEinvalAndChangeNothing(final int sig) {
        final SignalException e = unchanged(SignalException.class, () -> kernel.kill(sender, app.pid(), sig), app);
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("EINVAL: signal must be in 1..31 or 33..64: signal=" + sig, e.getMessage());
        unchanged(SignalException.class, () -> kernel.tgkill(sender, app.pid(), main.tid(), sig), app);
        unchanged(SignalException.class, () -> kernel.sigqueue(sender, app.pid(), sig, 1), app);
        unchanged(SignalException.class, () -> kernel.sigqueueThread(sender, app.pid(), main.tid(), sig, 1), app);
        unchanged(SignalException.class, () -> app.sigaction(sig, SigAction.IGNORE), app);
        unchanged(SignalException.class, () -> main.control().raisePending(sig), app);
        unchanged(SignalException.class, () -> app.control().claimPending(sig), app);
        // a group kill checks the signal before it looks for members: EINVAL, even for a group with none.
        for (final int group : new int[] {0, -1, -app.pgid(), -999}) {
            final SignalException g = unchanged(SignalException.class, () -> kernel.kill(sender, group, sig), app);
            assertEquals(Errno.EINVAL, g.errno(), "group " + group);
        }
    }

    @Test
    void otherUidWithoutPrivilegeIsEperm() {
        final ModelProcess other = kernel.spawn(1001, 1002);
        final SignalException e =
                unchanged(SignalException.class, () -> kernel.kill(sender, other.pid(), Signals.SIGINT), other);
        assertEquals(Errno.EPERM, e.errno());
        assertEquals("uid", e.valueName());
        assertEquals(1000, e.value());
        unchanged(
                SignalException.class,
                () -> kernel.tgkill(sender, other.pid(), other.mainThread().tid(), Signals.SIGINT),
                other);
    }

    @Test
    void rootAndSavedUidMayAlwaysSignal() {
        final ModelProcess root = kernel.spawn(0, 0);
        final ModelProcess setuid = kernel.spawn(1001, 1000);
        kernel.kill(root.mainThread(), setuid.pid(), Signals.SIGINT);
        kernel.kill(sender, setuid.pid(), Signals.SIGTERM);
        assertEquals(SignalSet.of(Signals.SIGINT, Signals.SIGTERM), setuid.pendingSet());
    }

    @Test
    void tgkillOfAThreadOfAnotherProcessIsEsrch() {
        final SignalException e = unchanged(
                SignalException.class,
                () -> kernel.tgkill(sender, app.pid(), sender.tid(), Signals.SIGINT),
                app,
                shell);
        assertEquals(Errno.ESRCH, e.errno());
        assertEquals(sender.tid(), e.value());
    }

    @Test
    void claimRecordsSenderAndCode() {
        kernel.kill(sender, app.pid(), Signals.SIGINT);
        assertEquals(Signals.SIGINT, main.claim(info));
        assertEquals(new SigInfo(Signals.SIGINT, SigInfo.SI_USER, shell.pid(), 1000, 0), info.toSigInfo());
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGUSR2);
        assertEquals(
                Optional.of(new SigInfo(Signals.SIGUSR2, SigInfo.SI_TKILL, shell.pid(), 1000, 0)), main.claimNext());
        kernel.sigqueue(sender, app.pid(), Signals.SIGUSR1, 77);
        assertEquals(
                Optional.of(new SigInfo(Signals.SIGUSR1, SigInfo.SI_QUEUE, shell.pid(), 1000, 77)), main.claimNext());
        kernel.kill(null, app.pid(), Signals.SIGHUP);
        assertEquals(Optional.of(new SigInfo(Signals.SIGHUP, SigInfo.SI_KERNEL, 0, 0, 0)), main.claimNext());
        assertEquals(Optional.empty(), main.claimNext());
        assertEquals(0, main.claim(info));
        assertEquals(0, info.signo());
    }

    @Test
    void claimOrderIsThreadStandardThenProcessStandardThenRealtimeTogether() {
        kernel.sigqueue(sender, app.pid(), 40, 1);
        kernel.sigqueueThread(sender, app.pid(), main.tid(), 41, 2);
        kernel.sigqueueThread(sender, app.pid(), main.tid(), 40, 3);
        kernel.kill(sender, app.pid(), Signals.SIGHUP);
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGTERM);
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGUSR1);
        kernel.sigqueue(sender, app.pid(), 33, 4);
        assertEquals(Signals.SIGUSR1, main.claim(info));
        assertEquals(Signals.SIGTERM, main.claim(info));
        assertEquals(Signals.SIGHUP, main.claim(info));
        assertEquals(33, main.claim(info));
        assertEquals(4, info.value());
        assertEquals(40, main.claim(info));
        assertEquals(3, info.value(), "thread-directed instance first for the same number");
        assertEquals(SigInfo.SI_QUEUE, info.code());
        assertEquals(40, main.claim(info));
        assertEquals(1, info.value());
        assertEquals(41, main.claim(info));
        assertEquals(0, main.claim(info));
    }

    @Test
    void blockedSignalsStayPendingAndSigpendingShowsThem() {
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGINT, 50));
        kernel.kill(sender, app.pid(), Signals.SIGINT);
        kernel.sigqueue(sender, app.pid(), 50, 9);
        assertEquals(0, main.claim(info));
        assertEquals(SignalSet.of(Signals.SIGINT, 50), main.sigpending());
        assertEquals(SignalSet.of(Signals.SIGINT, 50), main.pendingSet());
        assertTrue(main.deliverableSet().isEmpty());
        assertFalse(main.deliveryDue());
        main.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(50));
        assertTrue(main.deliveryDue());
        assertEquals(50, main.claim(info));
    }

    @Test
    void exactlyOneThreadClaimsAProcessDirectedInstance() {
        final ModelThread other = app.createThread(main);
        kernel.kill(sender, app.pid(), Signals.SIGUSR1);
        assertEquals(SignalSet.of(Signals.SIGUSR1), other.deliverableSet());
        assertEquals(Signals.SIGUSR1, other.claim(info));
        assertEquals(0, main.claim(info));
        assertTrue(app.control().raisePending(Signals.SIGUSR2) == 0);
        assertTrue(app.control().claimPending(Signals.SIGUSR2));
        assertFalse(app.control().claimPending(Signals.SIGUSR2));
        // no claim lost a compare-and-set to another thread: neither the won nor the found-clear claims retried
        assertEquals(0, app.control().maxClaimRetries());
    }

    @Test
    void standardSignalsMergeWhileRealtimeSignalsQueue() {
        kernel.kill(sender, app.pid(), Signals.SIGUSR1);
        kernel.kill(sender, app.pid(), Signals.SIGUSR1);
        kernel.sigqueue(sender, app.pid(), 35, 1);
        kernel.sigqueue(sender, app.pid(), 35, 2);
        assertEquals(Signals.SIGUSR1, main.claim(info));
        assertEquals(35, main.claim(info));
        assertEquals(35, main.claim(info));
        assertEquals(2, info.value());
        assertEquals(0, main.claim(info));
    }

    @Test
    void fullRealtimeQueueIsEagainAndLosesNothing() {
        for (int i = 0; i < 4; i++) {
            kernel.sigqueue(sender, app.pid(), 40, 100 + i);
        }
        final SignalException e =
                unchanged(SignalException.class, () -> kernel.sigqueue(sender, app.pid(), 40, 999), app);
        assertEquals(Errno.EAGAIN, e.errno());
        assertEquals("signal", e.valueName());
        assertEquals(40, e.value());
        unchanged(SignalException.class, () -> kernel.kill(sender, app.pid(), 40), app);
        kernel.sigqueue(sender, app.pid(), 41, 5);
        assertEquals(4, app.queuedRealtime(40));
        for (int i = 0; i < 4; i++) {
            assertEquals(40, main.claim(info));
            assertEquals(100 + i, info.value());
        }
        assertEquals(41, main.claim(info));
        assertFalse(app.pendingSet().contains(40));
        for (int i = 0; i < 4; i++) {
            kernel.sigqueueThread(sender, app.pid(), main.tid(), 64, i);
        }
        unchanged(SignalException.class, () -> kernel.sigqueueThread(sender, app.pid(), main.tid(), 64, 9), app);
    }

    @Test
    void realtimePendingBitClearsWhenTheQueueDrains() {
        kernel.sigqueue(sender, app.pid(), 33, 1);
        kernel.sigqueue(sender, app.pid(), 33, 2);
        main.claim(info);
        assertTrue(app.pendingSet().contains(33));
        main.claim(info);
        assertFalse(app.pendingSet().contains(33));
        assertEquals(0, app.queuedRealtime(33));
    }

    // ------------------------------------------------------------ sigaction

    @Test
    void sigactionDefaultsAndRoundTripOfEveryFlag() {
        assertEquals(SigAction.DEFAULT, app.sigaction(Signals.SIGCHLD));
        assertEquals(SigAction.DEFAULT, app.sigaction(Signals.SIGTSTP));
        final int all = SaFlags.SA_SIGINFO
                | SaFlags.SA_ONSTACK
                | SaFlags.SA_RESTART
                | SaFlags.SA_NODEFER
                | SaFlags.SA_RESETHAND
                | SaFlags.SA_NOCLDSTOP;
        final SigAction act = SigAction.handler(0x1234_5678L, SignalSet.of(1, 33, 64), all);
        assertEquals(SigAction.DEFAULT, app.sigaction(Signals.SIGCHLD, act));
        assertEquals(act, app.sigaction(Signals.SIGCHLD));
        assertEquals(act, app.sigaction(Signals.SIGCHLD, SigAction.DEFAULT));
        // SA_NOCLDSTOP means something for SIGCHLD only; elsewhere it is not stored.
        app.sigaction(Signals.SIGUSR1, act);
        assertEquals(
                new SigAction(0x1234_5678L, SignalSet.of(1, 33, 64), all & ~SaFlags.SA_NOCLDSTOP),
                app.sigaction(Signals.SIGUSR1));
    }

    @Test
    void saMaskNeverKeepsKillOrStop() {
        app.sigaction(
                Signals.SIGUSR1,
                SigAction.handler(0x100L, SignalSet.of(Signals.SIGKILL, Signals.SIGSTOP, Signals.SIGINT), 0));
        assertEquals(
                SignalSet.of(Signals.SIGINT), app.sigaction(Signals.SIGUSR1).mask());
    }

    @ParameterizedTest
    @ValueSource(ints = {Signals.SIGKILL, Signals.SIGSTOP})
    void killAndStopCannotBeCaughtOrIgnored(final int sig) {
        final SignalException e = unchanged(SignalException.class, () -> app.sigaction(sig, SigAction.IGNORE), app);
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("signal", e.valueName());
        assertEquals(sig, e.value());
        unchanged(SignalException.class, () -> app.sigaction(sig, SigAction.handler(0x10L, SignalSet.empty(), 0)), app);
        assertEquals(SigAction.DEFAULT, app.sigaction(sig));
    }

    @Test
    void unsupportedFlagsAreEinvalNamingFlags() {
        final SignalException e = unchanged(
                SignalException.class,
                () -> app.sigaction(
                        Signals.SIGCHLD, new SigAction(SigAction.SIG_DFL, SignalSet.empty(), SaFlags.SA_NOCLDWAIT)),
                app);
        assertEquals("flags", e.valueName());
        assertEquals(SaFlags.SA_NOCLDWAIT, e.value());
        unchanged(
                SignalException.class,
                () -> app.sigaction(Signals.SIGINT, new SigAction(SigAction.SIG_DFL, SignalSet.empty(), 0x0400_0000)),
                app);
    }

    @Test
    void handlerAddressMustFitBelowTheFlagBits() {
        assertThrows(IllegalArgumentException.class, () -> new SigAction(1L << 57, SignalSet.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> new SigAction(-1, SignalSet.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> SigAction.handler(SigAction.SIG_IGN, SignalSet.empty(), 0));
    }

    @Test
    void ignoringDiscardsPendingInstancesEverywhere() {
        final ModelThread other = app.createThread(main);
        kernel.kill(sender, app.pid(), Signals.SIGUSR1);
        kernel.tgkill(sender, app.pid(), other.tid(), Signals.SIGUSR1);
        kernel.sigqueue(sender, app.pid(), 45, 1);
        kernel.sigqueueThread(sender, app.pid(), main.tid(), 45, 2);
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1, 45));
        app.sigaction(Signals.SIGUSR1, SigAction.IGNORE);
        app.sigaction(45, SigAction.IGNORE);
        assertTrue(app.pendingSet().isEmpty());
        assertTrue(main.pendingSet().isEmpty());
        assertTrue(other.pendingSet().isEmpty());
        assertEquals(0, app.queuedRealtime(45));
        assertEquals(0, main.queuedRealtime(45));
        kernel.kill(sender, app.pid(), Signals.SIGUSR1);
        assertTrue(app.pendingSet().isEmpty(), "an ignored signal is discarded when generated");
    }

    @Test
    void defaultIgnoredSignalsAreDiscarded() {
        kernel.kill(sender, app.pid(), Signals.SIGCHLD);
        kernel.kill(sender, app.pid(), Signals.SIGURG);
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGWINCH);
        assertTrue(main.pendingSet().isEmpty());
        app.sigaction(Signals.SIGCHLD, SigAction.handler(0x10L, SignalSet.empty(), 0));
        kernel.kill(sender, app.pid(), Signals.SIGCHLD);
        assertEquals(SignalSet.of(Signals.SIGCHLD), app.pendingSet());
    }

    @Test
    void claimRechecksTheActionSoNoIgnoredSignalIsDelivered() {
        kernel.kill(sender, app.pid(), Signals.SIGUSR1);
        // Simulate the race: the bit went up after sigaction(SIG_IGN) discarded pending instances.
        app.sigaction(Signals.SIGUSR1, SigAction.IGNORE);
        app.control().raisePending(Signals.SIGUSR1);
        main.control().raisePending(Signals.SIGUSR1);
        assertEquals(0, main.claim(info));
        assertTrue(main.pendingSet().isEmpty());
    }

    @Test
    void continueAndStopDiscardEachOther() {
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGTSTP, Signals.SIGTTIN, Signals.SIGCONT));
        kernel.kill(sender, app.pid(), Signals.SIGTSTP);
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGTTIN);
        kernel.kill(sender, app.pid(), Signals.SIGCONT);
        assertEquals(SignalSet.of(Signals.SIGCONT), main.pendingSet());
        kernel.kill(sender, app.pid(), Signals.SIGSTOP);
        assertEquals(SignalSet.of(Signals.SIGSTOP), main.pendingSet());
        assertEquals(Signals.SIGSTOP, main.claim(info));
    }

    /** Only an ignoring action discards pending instances: setting SIG_DFL of a terminating signal keeps them. */
    @Test
    void settingSigDflOfATerminatingSignalKeepsItPending() {
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
        app.sigaction(Signals.SIGUSR1, SigAction.handler(0x40_1000L, SignalSet.empty(), 0));
        kernel.kill(sender, app.pid(), Signals.SIGUSR1);
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGUSR1);
        app.sigaction(Signals.SIGUSR1, SigAction.DEFAULT);
        assertEquals(SignalSet.of(Signals.SIGUSR1), app.pendingSet());
        assertEquals(SignalSet.of(Signals.SIGUSR1), main.threadPendingSet());
    }

    /** Only a stop signal discards a pending SIGCONT (POSIX, signal generation); an ordinary signal leaves it. */
    @Test
    void anOrdinarySignalLeavesAPendingSigcont() {
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGCONT, Signals.SIGUSR1));
        kernel.kill(sender, app.pid(), Signals.SIGCONT);
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGCONT);
        kernel.kill(sender, app.pid(), Signals.SIGUSR1);
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGUSR1);
        assertEquals(SignalSet.of(Signals.SIGCONT, Signals.SIGUSR1), app.pendingSet());
        assertEquals(SignalSet.of(Signals.SIGCONT, Signals.SIGUSR1), main.threadPendingSet());
    }

    // ------------------------------------------------------------ inhibit delivery

    @Test
    void inhibitDeliveryNests() {
        kernel.kill(sender, app.pid(), Signals.SIGINT);
        main.inhibitDelivery();
        main.inhibitDelivery();
        assertTrue(main.deliveryInhibited());
        assertFalse(main.deliveryDue());
        assertFalse(main.allowDelivery(), "inner section");
        assertTrue(main.deliveryInhibited());
        assertTrue(main.allowDelivery(), "outermost section with a signal deliverable");
        assertTrue(main.deliveryDue());
        main.claim(info);
        main.inhibitDelivery();
        assertFalse(main.allowDelivery(), "nothing deliverable");
        final IllegalStateException e = assertThrows(IllegalStateException.class, main::allowDelivery);
        assertEquals("delivery is not inhibited: depth=0", e.getMessage());
    }

    // ------------------------------------------------------------ fork and exec

    /** POSIX kill: a pid below -1 names the process group -pid; every member is signalled, no one else. */
    @Test
    void killOfMinusPgidSignalsEveryMemberOfThatGroupOnly() {
        final ModelProcess child = app.fork(main);
        assertEquals(app.pgid(), child.pgid(), "a forked child joins its parent's group");
        assertNotEquals(app.pgid(), shell.pgid());
        kernel.kill(sender, -app.pgid(), Signals.SIGUSR1);
        assertEquals(SignalSet.of(Signals.SIGUSR1), app.pendingSet());
        assertEquals(SignalSet.of(Signals.SIGUSR1), child.pendingSet());
        assertEquals(SignalSet.empty(), shell.pendingSet(), "a process of another group");
    }

    /**
     * POSIX kill: a send to a group succeeds if the sender may signal any process of it; a member it may not signal
     * is left as it was. ESRCH only when no process matches.
     */
    @Test
    void killOfAGroupSucceedsIfAnyMemberAcceptsAndLeavesTheOthersAsTheyWere() {
        final ModelProcess stranger = kernel.spawn(1001, 1001);
        stranger.setpgid(app.pgid());
        assertEquals(app.pgid(), stranger.pgid());
        final byte[][] before = Pages.snapshot(stranger);
        kernel.kill(sender, -app.pgid(), Signals.SIGUSR1);
        assertEquals(SignalSet.of(Signals.SIGUSR1), app.pendingSet());
        assertArrayEquals(before, Pages.snapshot(stranger), "a member the sender may not signal");
        final SignalException e =
                unchanged(SignalException.class, () -> kernel.kill(sender, -99, Signals.SIGUSR1), app, stranger, shell);
        assertEquals(Errno.ESRCH, e.errno());
    }

    @Test
    void forkKeepsActionsAndMaskWithNothingPending() {
        final ModelThread worker = app.createThread(main);
        worker.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGINT));
        app.sigaction(Signals.SIGUSR1, SigAction.handler(0x99L, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_RESTART));
        app.sigaction(Signals.SIGPIPE, SigAction.IGNORE);
        kernel.kill(sender, app.pid(), Signals.SIGINT);
        kernel.tgkill(sender, app.pid(), worker.tid(), Signals.SIGHUP);
        final ModelProcess child = app.fork(worker);
        assertNotEquals(app.pid(), child.pid());
        assertEquals(app.ruid(), child.ruid());
        assertEquals(1, child.threads().size());
        final ModelThread cm = child.mainThread();
        assertEquals(SignalSet.of(Signals.SIGINT), cm.mask());
        assertTrue(cm.pendingSet().isEmpty());
        assertEquals(app.sigaction(Signals.SIGUSR1), child.sigaction(Signals.SIGUSR1));
        assertEquals(SigAction.IGNORE, child.sigaction(Signals.SIGPIPE));
        assertEquals(SigAction.DEFAULT, child.sigaction(Signals.SIGCHLD));
    }

    @Test
    void execKeepsMaskIgnoredAndPendingAndResetsHandlers() {
        final ModelThread worker = app.createThread(main);
        worker.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGINT));
        app.sigaction(Signals.SIGUSR1, SigAction.handler(0x99L, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_RESTART));
        app.sigaction(Signals.SIGPIPE, SigAction.IGNORE);
        kernel.kill(sender, app.pid(), Signals.SIGINT);
        app.exec(worker);
        assertFalse(main.isAlive());
        assertEquals(worker, app.mainThread());
        assertEquals(SignalSet.of(Signals.SIGINT), worker.mask());
        assertEquals(SigAction.DEFAULT, app.sigaction(Signals.SIGUSR1));
        assertEquals(SigAction.IGNORE, app.sigaction(Signals.SIGPIPE));
        assertEquals(SignalSet.of(Signals.SIGINT), app.pendingSet());
    }
}
