package dev.sigpage.impl.engine;

import static dev.sigpage.api.Signals.SIGHUP;
import static dev.sigpage.api.Signals.SIGINT;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Handlers run at return-to-user points with the right mask and siginfo, nested and deferred. */
class DeliveryTest {
    private final Engine engine = new Engine();
    private final EngineProcess process = engine.spawn(1000, 1000);
    private final Sys sys = process.attach();
    private final List<String> log = new ArrayList<>();

    @Test
    void handlerMaskIsOldMaskPlusSaMaskPlusSignalAndIsRestored() {
        final List<SignalSet> seen = new ArrayList<>();
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> seen.add(ctx.sys().mask()), SignalSet.of(SIGINT), 0);
        sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGHUP));

        sys.raise(SIGUSR1);

        assertEquals(List.of(SignalSet.of(SIGHUP, SIGINT, SIGUSR1)), seen);
        assertEquals(SignalSet.of(SIGHUP), sys.mask());
    }

    @Test
    void sigsuspendInsideAnInhibitSectionIsAMisuseNotTheEndOfTheProcess() {
        sys.inhibitDelivery();

        assertThrows(IllegalStateException.class, () -> sys.sigsuspend(SignalSet.empty()));

        assertFalse(process.isEnded());
        sys.allowDelivery();
        assertEquals(SignalSet.empty(), sys.mask());
    }

    @Test
    void nodeferLeavesTheSignalUnblocked() {
        final List<SignalSet> seen = new ArrayList<>();
        sys.sigaction(
                SIGUSR1, (sig, info, ctx) -> seen.add(ctx.sys().mask()), SignalSet.of(SIGINT), SaFlags.SA_NODEFER);

        sys.raise(SIGUSR1);

        assertEquals(List.of(SignalSet.of(SIGINT)), seen);
    }

    @Test
    void resethandRunsOnceThenTheDefaultTerminates() {
        final int[] runs = {0};
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> runs[0]++, SignalSet.empty(), SaFlags.SA_RESETHAND);

        sys.raise(SIGUSR1);
        assertEquals(1, runs[0]);
        assertTrue(process.model().sigaction(SIGUSR1).isDefault());

        assertThrows(ThreadTerminated.class, () -> sys.raise(SIGUSR1));
        assertEquals(new ProcessEvent(ProcessEvent.Kind.KILLED, process.pid(), SIGUSR1), process.endEvent());
        assertEquals(1, runs[0]);
    }

    /** POSIX raise: every valid signal, each realtime one up to SIGRTMAX, runs its handler before raise returns. */
    @Test
    void raiseOfEachRealtimeSignalRunsItsHandlerBeforeReturning() {
        final List<Integer> expected = new ArrayList<>();
        final List<Integer> seen = new ArrayList<>();
        for (int rt = Signals.SIGRTMIN; rt <= Signals.SIGRTMAX; rt++) {
            sys.sigaction(rt, (sig, info, ctx) -> seen.add(sig), SignalSet.empty(), 0);
            sys.raise(rt);
            expected.add(rt);
            assertEquals(expected, seen, "after raise(" + rt + ")");
        }
    }

    @Test
    void siginfoCarriesSenderPidUidAndValue() {
        final EngineProcess sender = engine.spawn(1000, 1000);
        final List<SigInfo> seen = new ArrayList<>();
        final int rt = 33 + 2;
        sys.sigaction(rt, (sig, info, ctx) -> seen.add(info), SignalSet.empty(), SaFlags.SA_SIGINFO);
        sys.sigaction(SIGUSR2, (sig, info, ctx) -> seen.add(info), SignalSet.empty(), 0);

        engine.kernel().sigqueue(sender.model().mainThread(), process.pid(), rt, 42L);
        engine.kernel().kill(sender.model().mainThread(), process.pid(), SIGUSR2);
        sys.checkpoint();

        // SIGUSR2 (12) is lower than SIGRTMIN+2 (35): delivered first, without SA_SIGINFO only signo is passed.
        assertEquals(
                List.of(new SigInfo(SIGUSR2, 0, 0, 0, 0L), new SigInfo(rt, SigInfo.SI_QUEUE, sender.pid(), 1000, 42L)),
                seen);
    }

    @Test
    void signalUnblockedBySigprocmaskIsDeliveredBeforeItReturns() {
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> log.add("usr1"), SignalSet.empty(), 0);
        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
        sys.raise(SIGUSR1);
        log.add("raised");

        sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGUSR1));
        log.add("unblocked");

        assertEquals(List.of("raised", "usr1", "unblocked"), log);
        assertEquals(SignalSet.empty(), sys.thread().pendingSet());
    }

    @Test
    void signalUnblockedInsideAHandlerIsDeliveredNestedBeforeThatCallReturns() {
        sys.sigaction(SIGUSR2, (sig, info, ctx) -> log.add("usr2 depth=" + ctx.depth()), SignalSet.empty(), 0);
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    ctx.sys().raise(SIGUSR2);
                    log.add("usr2 raised");
                    ctx.sys().sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGUSR2));
                    log.add("usr2 unblocked");
                },
                SignalSet.of(SIGUSR2),
                0);

        sys.raise(SIGUSR1);

        assertEquals(List.of("usr2 raised", "usr2 depth=2", "usr2 unblocked"), log);
        assertEquals(SignalSet.empty(), sys.mask());
    }

    @Test
    void nestedDeliveryOfAnUnblockedSignal() {
        sys.sigaction(
                SIGUSR2,
                (sig, info, ctx) -> log.add(
                        "usr2 depth=" + ctx.depth() + " mask=" + ctx.sys().mask()),
                SignalSet.empty(),
                0);
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    log.add("usr1 depth=" + ctx.depth());
                    ctx.sys().raise(SIGUSR2);
                    log.add("usr1 end");
                },
                SignalSet.empty(),
                0);

        sys.raise(SIGUSR1);

        assertEquals(List.of("usr1 depth=1", "usr2 depth=2 mask={SIGUSR1,SIGUSR2}", "usr1 end"), log);
    }

    /**
     * Three handlers nested: each runs while the one that raised its signal is still running, and the facade and
     * the context both report how many handlers run (1, 2, 3; none once all returned).
     */
    @Test
    void threeNestedHandlersEachSeeTheirDepth() {
        sys.sigaction(
                SIGHUP,
                (sig, info, ctx) ->
                        log.add("hup depth=" + ctx.depth() + "/" + ctx.sys().handlerDepth()),
                SignalSet.empty(),
                0);
        sys.sigaction(
                SIGUSR2,
                (sig, info, ctx) -> {
                    log.add("usr2 depth=" + ctx.depth() + "/" + ctx.sys().handlerDepth());
                    ctx.sys().raise(SIGHUP);
                    log.add("usr2 end");
                },
                SignalSet.empty(),
                0);
        sys.sigaction(
                SIGUSR1,
                (sig, info, ctx) -> {
                    log.add("usr1 depth=" + ctx.depth() + "/" + ctx.sys().handlerDepth());
                    ctx.sys().raise(SIGUSR2);
                    log.add("usr1 end");
                },
                SignalSet.empty(),
                0);

        assertEquals(0, sys.handlerDepth());
        sys.raise(SIGUSR1);

        assertEquals(List.of("usr1 depth=1/1", "usr2 depth=2/2", "hup depth=3/3", "usr2 end", "usr1 end"), log);
        assertEquals(0, sys.handlerDepth());
        assertEquals(SignalSet.empty(), sys.mask());
    }

    @Test
    void inhibitDefersDeliveryToTheEndOfTheOutermostSection() {
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> log.add("usr1"), SignalSet.empty(), 0);
        sys.inhibitDelivery();
        sys.inhibitDelivery();
        sys.raise(SIGUSR1);
        sys.checkpoint();
        log.add("inner end");
        sys.allowDelivery();
        log.add("outer end");
        sys.allowDelivery();
        log.add("after");

        assertEquals(List.of("inner end", "outer end", "usr1", "after"), log);
    }

    @Test
    void lowestThreadDirectedFirstThenProcessDirectedWhenSeveralBecomeDeliverable() {
        sys.sigaction(SIGUSR1, (sig, info, ctx) -> log.add("usr1"), SignalSet.empty(), 0);
        sys.sigaction(SIGUSR2, (sig, info, ctx) -> log.add("usr2"), SignalSet.empty(), 0);
        sys.sigaction(SIGHUP, (sig, info, ctx) -> log.add("hup"), SignalSet.empty(), 0);
        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1, SIGUSR2, SIGHUP));
        sys.raise(SIGUSR2);
        sys.kill(process.pid(), SIGUSR1);
        sys.raise(SIGHUP);

        sys.sigprocmask(MaskHow.SETMASK, SignalSet.empty());

        // DESIGN.md: lowest first, thread-directed before process-directed in the standard group.
        assertEquals(List.of("hup", "usr2", "usr1"), log);
    }

    @Test
    void anotherJavaThreadMayNotUseTheFacade() throws Exception {
        final Throwable[] thrown = new Throwable[1];
        final Thread t = new Thread(() -> {
            try {
                sys.checkpoint();
            } catch (final Throwable e) {
                thrown[0] = e;
            }
        });
        t.start();
        t.join(10_000);
        assertTrue(thrown[0] instanceof IllegalStateException, String.valueOf(thrown[0]));
    }

    @Test
    void aThreadCannotBeStartedOrAttachedTwice() {
        assertThrows(IllegalStateException.class, process::attach);
        assertThrows(IllegalStateException.class, () -> process.start(s -> {}));
    }
}
