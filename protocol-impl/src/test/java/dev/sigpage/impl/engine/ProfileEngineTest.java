package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGCONT;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGTSTP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SignalSet;
import dev.sigpage.frames.Arch;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.KernelConfig;
import dev.sigpage.impl.Profile;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine under each profile. POSIX: a stop signal stops the process when a thread takes it, SIGKILL is raised
 * like any signal, deliveries leave the inhibit flag alone. REDOX (REDOX.md, procmgr's {@code on_send_sig} and the
 * kernel's {@code signal_handler}): stop signals and SIGKILL act at send time and are never pending, and every
 * delivery is a diversion that sets the inhibit flag and saves the interrupted pc and architecture register. The
 * thread-region offsets (flag 272, saved_ip 280, saved_archdep_reg 288) are REDOX.md's literals.
 */
class ProfileEngineTest {
    private static final long T = 10;
    private static final int FLAGS_OFFSET = 272;
    private static final int SAVED_IP_OFFSET = 280;
    private static final int SAVED_ARCH_OFFSET = 288;

    private static Engine engine(final Profile profile) {
        return new Engine(new Kernel(KernelConfig.defaults().withProfile(profile)), WaitStrategy.park());
    }

    private static long le64(final AtomicBuffer region, final int offset) {
        return region.getLong(offset, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A child in a process group of its own, so that its group is not orphaned (procmgr discards SIGTSTP sent to
     * an orphaned group).
     */
    private static EngineProcess childInOwnGroup(final Engine engine, final UserProgram program) {
        final Sys parent = engine.spawn(1000, 1000).attach();
        final EngineProcess child = parent.fork(program);
        child.model().setpgid(0);
        assertFalse(engine.kernel().isOrphanedGroup(child.pid()));
        return child;
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aStopSignalStopsASleepingProcessAndSigcontResumesIt(final Profile profile) throws Exception {
        final Engine engine = engine(profile);
        final EngineProcess p = childInOwnGroup(engine, sys -> sys.sleep(Long.MAX_VALUE));
        final UserThread t = p.threads().get(0);
        assertTrue(t.awaitBlocked(1, T, TimeUnit.SECONDS));

        engine.kernel().kill(null, p.pid(), SIGTSTP);

        assertEquals(new ProcessEvent(ProcessEvent.Kind.STOPPED, p.pid(), SIGTSTP), p.awaitEvent(T, TimeUnit.SECONDS));
        assertTrue(t.awaitState(UserThread.State.STOPPED, T, TimeUnit.SECONDS));
        assertEquals(profile == Profile.REDOX, p.model().isStopped(), "the kernel's run state");
        assertFalse(p.model().pendingSet().contains(SIGTSTP));

        engine.kernel().kill(null, p.pid(), SIGCONT);

        assertEquals(
                ProcessEvent.Kind.CONTINUED, p.awaitEvent(T, TimeUnit.SECONDS).kind());
        assertFalse(p.model().isStopped());
        engine.kernel().kill(null, p.pid(), SIGKILL);
        assertEquals(ProcessEvent.Kind.KILLED, p.awaitEnd(T, TimeUnit.SECONDS).kind());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aBlockedStopSignalStopsOnlyWhereItActsAtSendTime(final Profile profile) throws Exception {
        final Engine engine = engine(profile);
        final EngineProcess p = childInOwnGroup(engine, sys -> {
            sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGTSTP));
            sys.sleep(Long.MAX_VALUE);
        });
        final UserThread t = p.threads().get(0);
        assertTrue(t.awaitBlocked(1, T, TimeUnit.SECONDS));

        engine.kernel().kill(null, p.pid(), SIGTSTP);
        engine.kernel().kill(null, p.pid(), SIGKILL);

        final List<ProcessEvent.Kind> events = new ArrayList<>();
        ProcessEvent e;
        do {
            e = p.awaitEvent(T, TimeUnit.SECONDS);
            events.add(e.kind());
        } while (e.kind() != ProcessEvent.Kind.KILLED);
        assertEquals(
                profile == Profile.REDOX
                        ? List.of(ProcessEvent.Kind.STOPPED, ProcessEvent.Kind.KILLED)
                        : List.of(ProcessEvent.Kind.KILLED),
                events);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void sigkillReachesTheEngineAtSendTimeAndIsPendingOnlyUnderPosix(final Profile profile) {
        final Engine engine = engine(profile);
        final EngineProcess p = engine.spawn(1000, 1000);
        final List<Integer> told = new ArrayList<>();
        // the engine's hook would end the process; this one records what the engine is told, with no thread to
        // claim the signal meanwhile.
        engine.kernel().sendHook((target, tid, sig) -> told.add(sig));

        engine.kernel().kill(null, p.pid(), SIGKILL);

        assertEquals(List.of(SIGKILL), told);
        assertEquals(profile == Profile.POSIX, p.model().pendingSet().contains(SIGKILL));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aDeliveryIsAKernelDiversionOnlyUnderRedox(final Profile profile) {
        final Engine engine = engine(profile);
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        final AtomicBuffer region = p.model().mainThread().region();
        final RegisterFile regs =
                RegisterFile.zero(Arch.X86_64).with("rip", 0x40_2000L).with("rflags", 0x202L);
        sys.attachMachine(new Machine(regs, UserStack.map(0x7fff_f000_0000L, 0x1_0000)));
        final List<Long> flagInHandler = new ArrayList<>();
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> flagInHandler.add(le64(region, FLAGS_OFFSET)), SignalSet.empty(), 0);

        sys.raise(SIGUSR1);

        assertEquals(List.of(0L), flagInHandler, "clear while the handler runs: its mask is in place");
        assertEquals(0L, le64(region, FLAGS_OFFSET), "clear after sigreturn");
        final boolean redox = profile == Profile.REDOX;
        assertEquals(redox ? 0x40_2000L : 0L, le64(region, SAVED_IP_OFFSET), "saved_ip");
        assertEquals(redox ? 0x202L : 0L, le64(region, SAVED_ARCH_OFFSET), "saved_archdep_reg");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aSignalUnblockedBySigprocmaskIsDeliveredBeforeItReturns(final Profile profile) {
        final Engine engine = engine(profile);
        final EngineProcess p = engine.spawn(1000, 1000);
        final Sys sys = p.attach();
        final List<Integer> got = new ArrayList<>();
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> got.add(sig), SignalSet.empty(), 0);
        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
        sys.raise(SIGUSR1);
        assertEquals(List.of(), got);

        sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGUSR1));

        assertEquals(List.of(SIGUSR1), got);
        assertFalse(p.model().pendingSet().contains(SIGUSR1));
    }
}
