package dev.sigpage.conformance.gvisor;

import static dev.sigpage.api.Signals.SIGCONT;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGTERM;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.that;

import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Lab;
import dev.sigpage.conformance.Suite;
import dev.sigpage.conformance.Waits;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.Futex;
import dev.sigpage.impl.engine.Pipe;
import dev.sigpage.impl.engine.ProcessEvent;
import dev.sigpage.impl.engine.Sys;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * gVisor's {@code sigstop.cc}, {@code exit.cc} and the signal tests of {@code wait.cc}: stop, continue and the
 * end of processes as their parent sees them ({@link ProcessEvent} carries what waitpid's status and waitid's
 * siginfo carry: the kind, CLD_STOPPED/CONTINUED/KILLED/EXITED, and the signal or status).
 */
final class Processes {
    private static final int MAIN_EXIT = 10;
    private static final int EXTRA_EXIT = 11;

    private Processes() {}

    static void addTo(final List<Case> out) {
        sigstop(new Cases(Suite.GVISOR, "sigstop", out));
        exit(new Cases(Suite.GVISOR, "exit", out));
        final Cases wait = new Cases(Suite.GVISOR, "wait", out);
        wait.test(
                "SignalExit",
                "a child killed by SIGKILL is reported signalled by SIGKILL, not exited",
                lab -> lab.runOk(sys -> {
                    final EngineProcess child = sys.fork(cs -> cs.sleep(TimeUnit.SECONDS.toNanos(10)));
                    sys.kill(child.pid(), SIGKILL);
                    eq(new ProcessEvent(ProcessEvent.Kind.KILLED, child.pid(), SIGKILL), sys.waitpid(child), "event");
                }));
        wait.test(
                "KillZombie",
                "a child that exited but was not waited for can still be signalled; then waited for",
                lab -> lab.runOk(sys -> {
                    final EngineProcess child = sys.fork(cs -> cs.exit(42));
                    awaitEnd(child);
                    dev.sigpage.conformance.Check.succeeds(
                            () -> sys.kill(child.pid(), SIGTERM), "kill(zombie, SIGTERM)");
                    dev.sigpage.conformance.Check.succeeds(() -> sys.kill(child.pid(), 0), "kill(zombie, 0)");
                    eq(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 42), sys.waitpid(child), "event");
                }));
    }

    /** The child's next event as its parent would take it, bounded (a child left stopped must not hang the case). */
    private static ProcessEvent nextEvent(final EngineProcess p) {
        try {
            final ProcessEvent e = p.awaitEvent(Lab.BOUND_SECONDS, TimeUnit.SECONDS);
            that(e != null, "child must report an event within " + Lab.BOUND_SECONDS + " s: pid=" + p.pid());
            return e;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitEnd(final EngineProcess p) {
        try {
            that(p.awaitEnd(Lab.BOUND_SECONDS, TimeUnit.SECONDS) != null, "child must end");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The child of the stop tests: two threads, blocked in a pipe read and a futex wait; it exits with 10. */
    private static EngineProcess stopChild(final Sys sys, final Pipe pipe, final Futex futex) {
        return sys.fork(cs -> {
            final UserThread extra = cs.spawnThread(ts -> {
                ts.futexWait(futex, 0);
                if (!cs.process().isEnded()) {
                    ts.exit(EXTRA_EXIT);
                }
            });
            Waits.blocked(extra, 1);
            final byte[] b = new byte[1];
            cs.read(pipe, b, 0, 1);
            cs.exit(MAIN_EXIT);
        });
    }

    private static void sigstop(final Cases c) {
        c.notApplicable(
                "TimesAreRelativelyConsistent",
                "the test's own delays are ordered consistently",
                "nothing of the kernel is checked: the test checks its own constants");
        c.test(
                        "Correctness",
                        "SIGSTOP stops every thread of a two-thread child: reported stopped by SIGSTOP, it makes"
                                + " no progress until SIGCONT, reported continued, then exits with the main thread's code",
                        lab -> lab.runOk(sys -> {
                            final Pipe pipe = new Pipe(4);
                            final Futex futex = new Futex(0);
                            final EngineProcess child = stopChild(sys, pipe, futex);
                            final UserThread main = child.threads().get(0);
                            Waits.blocked(main, 1);
                            sys.kill(child.pid(), SIGSTOP);
                            eq(
                                    new ProcessEvent(ProcessEvent.Kind.STOPPED, child.pid(), SIGSTOP),
                                    sys.waitpid(child),
                                    "stop");
                            // every thread holds stopped before the data arrives: what is checked is that none moves
                            // then.
                            for (final UserThread t : child.threads()) {
                                try {
                                    that(
                                            t.awaitState(UserThread.State.STOPPED, Lab.BOUND_SECONDS, TimeUnit.SECONDS),
                                            "thread holds stopped: " + t);
                                } catch (final InterruptedException e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                            pipe.offer(new byte[] {1});
                            for (final UserThread t : child.threads()) {
                                eq(
                                        UserThread.State.STOPPED,
                                        t.state(),
                                        "state of thread " + t.tid() + " with data to read");
                            }
                            that(!child.isEnded() && pipe.available() == 1, "no progress while stopped");
                            sys.kill(child.pid(), SIGCONT);
                            eq(
                                    new ProcessEvent(ProcessEvent.Kind.CONTINUED, child.pid(), SIGCONT),
                                    sys.waitpid(child),
                                    "continue");
                            eq(
                                    new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), MAIN_EXIT),
                                    sys.waitpid(child),
                                    "end");
                        }))
                .choice("the extra thread waits on a futex nobody wakes, so the main thread's exit decides the status,"
                        + " as in the test where the extra thread would exit later.");
        c.test(
                        "WaitidCorrectness",
                        "waitid sees CLD_STOPPED with SIGSTOP, CLD_CONTINUED, then CLD_KILLED",
                        lab -> lab.runOk(sys -> {
                            final EngineProcess child = stopChild(sys, new Pipe(4), new Futex(0));
                            Waits.blocked(child.threads().get(0), 1);
                            sys.kill(child.pid(), SIGSTOP);
                            eq(
                                    new ProcessEvent(ProcessEvent.Kind.STOPPED, child.pid(), SIGSTOP),
                                    sys.waitpid(child),
                                    "stop");
                            sys.kill(child.pid(), SIGCONT);
                            eq(ProcessEvent.Kind.CONTINUED, sys.waitpid(child).kind(), "continue");
                            sys.kill(child.pid(), SIGKILL);
                            eq(
                                    new ProcessEvent(ProcessEvent.Kind.KILLED, child.pid(), SIGKILL),
                                    sys.waitpid(child),
                                    "end");
                        }))
                .choice("the engine has waitpid with a ProcessEvent, not waitid with a siginfo: the event's kind is the"
                        + " si_code and its value the si_status.");
        c.test(
                        "SIGCONTAbortsSIGSTOP",
                        "SIGSTOP, SIGCONT and SIGTERM sent back to back: the child ends by SIGTERM and"
                                + " is never reported stopped",
                        lab -> lab.runOk(sys -> {
                            for (int i = 0; i < 10; i++) {
                                final EngineProcess child = sys.fork(cs -> {
                                    while (true) {
                                        cs.sigsuspend(cs.mask());
                                    }
                                });
                                sys.kill(child.pid(), SIGSTOP);
                                sys.kill(child.pid(), SIGCONT);
                                sys.kill(child.pid(), SIGTERM);
                                // a stop the child took before SIGCONT arrived is reported, and must be followed by
                                // CONTINUED.
                                ProcessEvent e = nextEvent(child);
                                if (e.kind() == ProcessEvent.Kind.STOPPED) {
                                    eq(
                                            ProcessEvent.Kind.CONTINUED,
                                            nextEvent(child).kind(),
                                            "iteration " + i + " after a stop");
                                    e = nextEvent(child);
                                }
                                eq(
                                        new ProcessEvent(ProcessEvent.Kind.KILLED, child.pid(), SIGTERM),
                                        e,
                                        "iteration " + i);
                            }
                        }))
                .choice(
                        "a stop the child took before SIGCONT arrived is reported by the engine (it reports every event,"
                                + " then CONTINUED); Linux's waitpid(WSTOPPED) drops a stop that SIGCONT has already ended. The scenario"
                                + " fails when the child is left stopped (a STOPPED without CONTINUED) or ends otherwise than by SIGTERM.");
        c.test(
                "RestartSyscall",
                "a sleep across a stop and a continue still sleeps its whole time and returns 0",
                lab -> lab.runOk(sys -> {
                    final long[] left = {-1};
                    final EngineProcess child = sys.fork(cs -> {
                        // long enough for the stop and the continue to land inside it on a loaded machine.
                        left[0] = cs.sleep(TimeUnit.SECONDS.toNanos(1));
                        cs.exit(MAIN_EXIT);
                    });
                    Waits.blocked(child.threads().get(0), 1);
                    sys.kill(child.pid(), SIGSTOP);
                    eq(ProcessEvent.Kind.STOPPED, sys.waitpid(child).kind(), "stop");
                    sys.kill(child.pid(), SIGCONT);
                    eq(ProcessEvent.Kind.CONTINUED, sys.waitpid(child).kind(), "continue");
                    eq(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), MAIN_EXIT), sys.waitpid(child), "end");
                    eq(0L, left[0], "time left reported by the sleep");
                }));
    }

    private static void exit(final Cases c) {
        c.test(
                "Success",
                "a child that exits with 0 is reported exited with 0",
                lab -> lab.runOk(sys -> {
                    final EngineProcess child = sys.fork(cs -> cs.exit(0));
                    eq(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 0), sys.waitpid(child), "event");
                }));
        c.test(
                "Failure",
                "a child that exits with 1 is reported exited with 1",
                lab -> lab.runOk(sys -> {
                    final EngineProcess child = sys.fork(cs -> cs.exit(1));
                    eq(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 1), sys.waitpid(child), "event");
                }));
        c.notApplicable(
                "CloseFds",
                "exit closes the process's file descriptors (a pipe's reader sees end of file)",
                "file descriptors: the engine's pipes are shared objects with no descriptor table");
        c.test(
                        "ExitAllThreads",
                        "_exit(0) from a second thread ends the whole process with 0; the main thread, blocked"
                                + " joining it, runs no further",
                        lab -> lab.runOk(sys -> {
                            final boolean[] reached = {false};
                            final EngineProcess child = sys.fork(cs -> {
                                final UserThread t = cs.spawnThread(ts -> ts.exit(0));
                                cs.futexWait(new Futex(0), 0);
                                reached[0] = t != null;
                            });
                            eq(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 0), sys.waitpid(child), "event");
                            that(!reached[0], "the main thread ran past the other thread's exit");
                        }))
                .choice(
                        "the main thread waits in a futex no one wakes instead of pthread_join (the engine has no join);"
                                + " what is checked is that the other thread's exit ends it.");
        c.test(
                "SigkillZombieGroup",
                "SIGKILL to a child that has exited (a zombie) succeeds and leaves its status 0",
                lab -> lab.runOk(sys -> {
                    final EngineProcess child = sys.fork(cs -> cs.exit(0));
                    awaitEnd(child);
                    dev.sigpage.conformance.Check.succeeds(
                            () -> sys.kill(child.pid(), SIGKILL), "kill(zombie, SIGKILL)");
                    eq(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 0), sys.waitpid(child), "event");
                }));
        c.test(
                "SigkillZombieThread",
                "the same when the child's last thread left by exit(2) rather than exit_group",
                lab -> lab.runOk(sys -> {
                    final EngineProcess child = sys.fork(cs -> {});
                    awaitEnd(child);
                    dev.sigpage.conformance.Check.succeeds(
                            () -> sys.kill(child.pid(), SIGKILL), "kill(zombie, SIGKILL)");
                    eq(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 0), sys.waitpid(child), "event");
                }));
    }
}
