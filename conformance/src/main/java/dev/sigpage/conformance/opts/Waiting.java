package dev.sigpage.conformance.opts;

import static dev.sigpage.api.Signals.SIGALRM;
import static dev.sigpage.api.Signals.SIGRTMIN;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.that;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Sigs;
import dev.sigpage.conformance.Suite;
import dev.sigpage.conformance.Waits;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code sigwait}, {@code sigwaitinfo} and {@code sigtimedwait}: assertions of their three {@code assertions.xml}
 * files. {@code sigwaitinfo} is the engine's {@code sigtimedwait} with no timeout.
 */
final class Waiting {
    private static final long FOREVER = -1;
    private static final long SHORT_NANOS = 20_000_000L;

    private Waiting() {}

    static void addTo(final List<Case> out) {
        sigwait(new Cases(Suite.OPTS, "sigwait", out));
        sigwaitinfo(new Cases(Suite.OPTS, "sigwaitinfo", out));
        sigtimedwait(new Cases(Suite.OPTS, "sigtimedwait", out));
    }

    private static void sigwait(final Cases c) {
        c.test(
                "1",
                "sigwait takes a pending signal of the set, clears it, and returns its number",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1, SIGUSR2));
                    sys.raise(SIGUSR2);
                    eq(SIGUSR2, sys.sigwait(SignalSet.of(SIGUSR1, SIGUSR2)), "signal returned");
                    eq(SignalSet.empty(), sys.sigpending(), "pending after sigwait");
                }));

        c.test(
                "2",
                "of several queued instances of one realtime signal, sigwait takes the first; the rest stay queued",
                lab -> lab.runOk(sys -> {
                    final int sig = SIGRTMIN + 1;
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
                    for (int v = 1; v <= 3; v++) {
                        sys.sigqueue(sys.pid(), sig, v);
                    }
                    eq(1L, sys.sigtimedwait(SignalSet.of(sig), FOREVER).value(), "first value taken");
                    eq(SignalSet.of(sig), sys.sigpending(), "still pending");
                    eq(sig, sys.sigwait(SignalSet.of(sig)), "second");
                    eq(sig, sys.sigwait(SignalSet.of(sig)), "third");
                    eq(SignalSet.empty(), sys.sigpending(), "pending after three");
                }));

        c.test(
                "3",
                "of several instances of a standard (not queued) signal, none remains pending after sigwait",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                    for (int i = 0; i < 5; i++) {
                        sys.kill(sys.pid(), SIGUSR1);
                    }
                    eq(SIGUSR1, sys.sigwait(SignalSet.of(SIGUSR1)), "signal returned (process-directed)");
                    eq(SignalSet.empty(), sys.sigpending(), "pending after one sigwait");
                    for (int i = 0; i < 5; i++) {
                        sys.raise(SIGUSR1);
                    }
                    eq(SIGUSR1, sys.sigwait(SignalSet.of(SIGUSR1)), "signal returned (thread-directed)");
                    eq(SignalSet.empty(), sys.sigpending(), "pending after one sigwait");
                }));

        c.test(
                "4",
                "with nothing of the set pending, sigwait suspends the thread until a signal of it is pending",
                lab -> {
                    final AtomicInteger got = new AtomicInteger();
                    final UserThread t = lab.start(sys -> {
                        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGALRM));
                        got.set(sys.sigwait(SignalSet.of(SIGALRM)));
                    });
                    lab.blocked(t);
                    eq(0, got.get(), "nothing returned while nothing is pending");
                    lab.tgkill(t, SIGALRM);
                    lab.join(t);
                    eq(SIGALRM, got.get(), "signal returned");
                });

        c.test(
                        "5",
                        "the set should be blocked before sigwait; the effect on the actions of its signals is unspecified",
                        lab -> {
                            final Events ev = new Events();
                            final AtomicInteger got = new AtomicInteger();
                            final UserThread t = lab.start(sys -> {
                                sys.sigaction(SIGUSR1, Sigs.recording(ev), SignalSet.empty(), 0);
                                got.set(sys.sigwait(SignalSet.of(SIGUSR1)));
                                that(
                                        sys.process().model().sigaction(SIGUSR1).isHandler(),
                                        "action unchanged by sigwait");
                            });
                            lab.blocked(t);
                            lab.tgkill(t, SIGUSR1);
                            lab.join(t);
                            eq(SIGUSR1, got.get(), "sigwait took the unblocked signal");
                            eq(0, ev.size(), "handlers run");
                        })
                .choice(
                        "an unblocked signal of the set that arrives during the wait is taken by sigwait and its handler"
                                + " does not run (as Linux, which unblocks the set while waiting); POSIX leaves it undefined, so delivery"
                                + " to the handler would be permitted.");

        c.test(
                "6",
                "when several threads sigwait for one signal sent to the process, exactly one of them returns",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                    final AtomicInteger returned = new AtomicInteger();
                    final CountDownLatch first = new CountDownLatch(1);
                    final UserThread a = sys.spawnThread(ts -> {
                        ts.sigwait(SignalSet.of(SIGUSR2));
                        returned.incrementAndGet();
                        first.countDown();
                    });
                    final UserThread b = sys.spawnThread(ts -> {
                        ts.sigwait(SignalSet.of(SIGUSR2));
                        returned.incrementAndGet();
                        first.countDown();
                    });
                    Waits.blocked(a, 1);
                    Waits.blocked(b, 1);
                    sys.kill(sys.pid(), SIGUSR2);
                    Waits.await(first);
                    that(
                            a.state() == UserThread.State.BLOCKED || b.state() == UserThread.State.BLOCKED,
                            "the other thread still waits");
                    eq(1, returned.get(), "threads returned from sigwait after one send");
                    sys.kill(sys.pid(), SIGUSR2);
                    Waits.join(a);
                    Waits.join(b);
                    eq(2, returned.get(), "threads returned after two sends");
                }));

        c.test(
                "7",
                "of several pending realtime signals of the set, sigwait takes the lowest numbered",
                lab -> lab.runOk(sys -> {
                    final SignalSet set = SignalSet.of(SIGRTMIN + 6, SIGRTMIN + 3, SIGRTMIN + 9);
                    sys.sigprocmask(MaskHow.BLOCK, set);
                    sys.sigqueue(sys.pid(), SIGRTMIN + 9, 0);
                    sys.sigqueue(sys.pid(), SIGRTMIN + 3, 0);
                    sys.sigqueue(sys.pid(), SIGRTMIN + 6, 0);
                    eq(SIGRTMIN + 3, sys.sigwait(set), "first");
                    eq(SIGRTMIN + 6, sys.sigwait(set), "second");
                    eq(SIGRTMIN + 9, sys.sigwait(set), "third");
                }));

        c.test(
                        "8",
                        "on success sigwait stores the received signal's number and returns 0",
                        lab -> lab.runOk(sys -> {
                            for (final int sig : Sigs.KEPT_WHEN_BLOCKED) {
                                sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
                                sys.raise(sig);
                                eq(sig, sys.sigwait(SignalSet.of(sig)), "sigwait for " + Signals.name(sig));
                            }
                        }))
                .choice(
                        "a blocked signal whose action is to ignore it, SIG_DFL of SIGCHLD, SIGURG and SIGWINCH included, is"
                                + " discarded when generated, so those three are left out; POSIX leaves it unspecified whether such a"
                                + " signal is discarded or stays pending. Linux keeps it pending (see gvisor.sigtimedwait.KillGeneratedSIGCHLD).");

        c.notApplicable(
                "9",
                "an unsuccessful sigwait returns an error number",
                "no failure to provoke through the binding: its set type cannot name an invalid number (see 10)");
        c.test(
                        "10",
                        "sigwait may fail when the set holds an invalid or unsupported number; sigpage ignores it",
                        lab -> lab.runOk(sys -> {
                            final SignalSet withReserved = SignalSet.ofBits(Signals.bit(Signals.RESERVED))
                                    .with(SIGUSR1);
                            sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                            sys.raise(SIGUSR1);
                            eq(SIGUSR1, sys.sigwait(withReserved), "sigwait with the reserved number 32 in the set");
                        }))
                .choice(
                        "a set holding the reserved number 32 (the only invalid member a 64-bit set can hold) is"
                                + " accepted and the number ignored, as the Linux kernel does; POSIX says sigwait may fail with EINVAL.");
    }

    private static void sigwaitinfo(final Cases c) {
        c.test(
                "1",
                "sigwaitinfo takes the pending signal of the set",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1, SIGUSR2));
                    sys.raise(SIGUSR1);
                    eq(SIGUSR1, sys.sigtimedwait(SignalSet.of(SIGUSR1), FOREVER).signo(), "signal taken");
                    eq(SignalSet.empty(), sys.sigpending(), "pending after");
                }));

        c.test(
                "2",
                "of several pending realtime signals, sigwaitinfo takes the lowest numbered first",
                lab -> lab.runOk(sys -> {
                    final SignalSet set = SignalSet.of(SIGRTMIN, SIGRTMIN + 1, Signals.SIGRTMAX);
                    sys.sigprocmask(MaskHow.BLOCK, set);
                    sys.sigqueue(sys.pid(), Signals.SIGRTMAX, 0);
                    sys.sigqueue(sys.pid(), SIGRTMIN + 1, 0);
                    sys.sigqueue(sys.pid(), SIGRTMIN, 0);
                    eq(SIGRTMIN, sys.sigtimedwait(set, FOREVER).signo(), "first");
                    eq(SIGRTMIN + 1, sys.sigtimedwait(set, FOREVER).signo(), "second");
                    eq(Signals.SIGRTMAX, sys.sigtimedwait(set, FOREVER).signo(), "third");
                }));

        c.test(
                "3",
                "sigwaitinfo suspends until a signal of the set is pending, or fails with EINTR when a caught"
                        + " signal outside the set interrupts it",
                lab -> {
                    final Events ev = new Events();
                    final UserThread t = lab.start(sys -> {
                        sys.sigaction(SIGUSR2, Sigs.recording(ev), SignalSet.empty(), 0);
                        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                        fails(Errno.EINTR, () -> sys.sigtimedwait(SignalSet.of(SIGUSR1), FOREVER), "first wait");
                        eq(
                                SIGUSR1,
                                sys.sigtimedwait(SignalSet.of(SIGUSR1), FOREVER).signo(),
                                "second wait");
                    });
                    lab.blocked(t, 1);
                    lab.tgkill(t, SIGUSR2);
                    lab.blocked(t, 2);
                    eq(List.of(Sigs.ran(SIGUSR2)), ev.list(), "handlers run");
                    lab.tgkill(t, SIGUSR1);
                    lab.join(t);
                });

        c.test(
                "4",
                "with a null info, sigwaitinfo is sigwait",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                    sys.raise(SIGUSR2);
                    eq(SIGUSR2, sys.sigwait(SignalSet.of(SIGUSR2)), "sigwait form");
                }));

        c.test(
                        "5",
                        "with an info, the selected number is stored in si_signo",
                        lab -> lab.runOk(sys -> {
                            for (final int sig : Sigs.KEPT_WHEN_BLOCKED) {
                                sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
                                sys.raise(sig);
                                eq(
                                        sig,
                                        sys.sigtimedwait(SignalSet.of(sig), FOREVER)
                                                .signo(),
                                        "si_signo of " + Signals.name(sig));
                            }
                        }))
                .choice(
                        "a blocked signal whose action is to ignore it, SIG_DFL of SIGCHLD, SIGURG and SIGWINCH included, is"
                                + " discarded when generated, so those three are left out; POSIX leaves it unspecified whether such a"
                                + " signal is discarded or stays pending. Linux keeps it pending (see gvisor.sigtimedwait.KillGeneratedSIGCHLD).");

        c.test(
                "6",
                "with an info, the cause of the signal is stored in si_code",
                lab -> lab.runOk(sys -> {
                    final SignalSet set = SignalSet.of(SIGUSR1);
                    sys.sigprocmask(MaskHow.BLOCK, set);
                    sys.kill(sys.pid(), SIGUSR1);
                    eq(SigInfo.SI_USER, sys.sigtimedwait(set, FOREVER).code(), "si_code after kill");
                    sys.sigqueue(sys.pid(), SIGUSR1, 3);
                    eq(SigInfo.SI_QUEUE, sys.sigtimedwait(set, FOREVER).code(), "si_code after sigqueue");
                    sys.raise(SIGUSR1);
                    eq(SigInfo.SI_TKILL, sys.sigtimedwait(set, FOREVER).code(), "si_code after raise");
                }));

        c.test(
                "7",
                "the selected signal's queued value is stored in si_value and dequeued",
                lab -> lab.runOk(sys -> {
                    final int sig = SIGRTMIN + 4;
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
                    sys.sigqueue(sys.pid(), sig, 111);
                    sys.sigqueue(sys.pid(), sig, 222);
                    eq(111L, sys.sigtimedwait(SignalSet.of(sig), FOREVER).value(), "first si_value");
                    eq(222L, sys.sigtimedwait(SignalSet.of(sig), FOREVER).value(), "second si_value");
                    fails(Errno.EAGAIN, () -> sys.sigtimedwait(SignalSet.of(sig), 0), "a third poll");
                }));

        c.test(
                "8",
                "the pending indication is reset once no further instance is queued",
                lab -> lab.runOk(sys -> {
                    final int sig = SIGRTMIN + 8;
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
                    sys.sigqueue(sys.pid(), sig, 1);
                    sys.sigqueue(sys.pid(), sig, 2);
                    sys.sigtimedwait(SignalSet.of(sig), FOREVER);
                    that(sys.sigpending().contains(sig), "pending while one instance is queued");
                    sys.sigtimedwait(SignalSet.of(sig), FOREVER);
                    that(!sys.sigpending().contains(sig), "not pending once the queue is empty");
                }));

        c.test("9", "on success sigwaitinfo returns the selected signal's number", lab -> {
            final AtomicReference<SigInfo> got = new AtomicReference<>();
            final EngineProcess p = lab.spawn();
            final UserThread t = p.start(sys -> {
                sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGRTMIN + 2));
                got.set(sys.sigtimedwait(SignalSet.of(SIGRTMIN + 2), FOREVER));
            });
            lab.blocked(t);
            lab.self().sigqueue(p.pid(), SIGRTMIN + 2, 77);
            lab.join(t);
            eq(SIGRTMIN + 2, got.get().signo(), "number");
            eq(lab.self().pid(), got.get().senderPid(), "si_pid");
        });
    }

    private static void sigtimedwait(final Cases c) {
        c.test(
                "1",
                "with nothing of the set pending, sigtimedwait waits (blocks) for the interval, then times out",
                lab -> {
                    final UserThread t = lab.start(sys -> {
                        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                        // long enough that the thread reaches its wait before the deadline even on a loaded machine.
                        fails(
                                Errno.EAGAIN,
                                () -> sys.sigtimedwait(SignalSet.of(SIGUSR1), 250_000_000L),
                                "sigtimedwait");
                    });
                    lab.join(t);
                    that(t.blockCount() >= 1, "the thread blocked: block count " + t.blockCount());
                });

        c.test("2", "with a zero timeout and nothing pending, sigtimedwait fails at once without blocking", lab -> {
            final UserThread t = lab.start(sys -> {
                sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                fails(Errno.EAGAIN, () -> sys.sigtimedwait(SignalSet.of(SIGUSR1), 0), "sigtimedwait(0)");
            });
            lab.join(t);
            eq(0, t.blockCount(), "blocking waits");
        });

        c.notApplicable(
                "3",
                "the interval is measured on CLOCK_MONOTONIC when the Monotonic Clock option is supported",
                "clocks that can be told apart: the engine has one clock (System.nanoTime, monotonic) and no settable one");

        c.test(
                "4",
                "on success sigtimedwait returns the selected signal's number",
                lab -> lab.runOk(sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                    sys.raise(SIGUSR2);
                    eq(
                            SIGUSR2,
                            sys.sigtimedwait(SignalSet.of(SIGUSR2), SHORT_NANOS).signo(),
                            "number");
                }));

        c.test(
                "5",
                "an unsuccessful sigtimedwait returns -1 (an error)",
                lab -> lab.runOk(sys ->
                        fails(Errno.EAGAIN, () -> sys.sigtimedwait(SignalSet.of(SIGUSR2), 1), "sigtimedwait(1 ns)")));

        c.test("6", "sigtimedwait fails with EAGAIN when no signal of the set arrives within the timeout", lab -> {
            final UserThread t = lab.start(sys -> {
                sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1, SIGUSR2));
                sys.raise(SIGUSR2);
                fails(
                        Errno.EAGAIN,
                        () -> sys.sigtimedwait(SignalSet.of(SIGUSR1), SHORT_NANOS),
                        "sigtimedwait for SIGUSR1 with SIGUSR2 pending");
                eq(SignalSet.of(SIGUSR2), sys.sigpending(), "pending after the timeout");
            });
            lab.join(t);
        });
    }
}
