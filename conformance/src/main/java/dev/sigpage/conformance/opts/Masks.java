package dev.sigpage.conformance.opts;

import static dev.sigpage.api.Signals.SIGABRT;
import static dev.sigpage.api.Signals.SIGALRM;
import static dev.sigpage.api.Signals.SIGHUP;
import static dev.sigpage.api.Signals.SIGKILL;
import static dev.sigpage.api.Signals.SIGSTOP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.that;

import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Lab;
import dev.sigpage.conformance.Sigs;
import dev.sigpage.conformance.Suite;
import dev.sigpage.conformance.Waits;
import dev.sigpage.impl.engine.UserProgram;
import dev.sigpage.impl.engine.UserThread;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sigprocmask} and {@code pthread_sigmask}: the two interfaces share one {@code assertions.xml}. Under
 * {@code sigprocmask} a scenario runs on a single-threaded process; under {@code pthread_sigmask} the same scenario
 * runs on the second thread of a two-thread process, whose first thread must keep its own mask.
 */
final class Masks {
    private Masks() {}

    /** Runs the body as the interface requires, and for pthread_sigmask checks the other thread's mask is intact. */
    private static void inContext(final Lab lab, final boolean threaded, final UserProgram body)
            throws InterruptedException {
        if (!threaded) {
            lab.runOk(body);
            return;
        }
        lab.runOk(sys -> {
            // the second thread starts with the creator's (empty) mask; the first then takes its own mask.
            final CountDownLatch go = new CountDownLatch(1);
            final UserThread second = sys.spawnThread(ts -> {
                Waits.await(go);
                body.run(ts);
            });
            final SignalSet mine = SignalSet.of(Signals.SIGPIPE);
            sys.sigprocmask(MaskHow.SETMASK, mine);
            go.countDown();
            Waits.join(second);
            eq(mine, sys.mask(), "the first thread's mask after the second changed its own");
        });
    }

    static void addTo(final List<Case> out, final String iface) {
        final boolean threaded = iface.equals("pthread_sigmask");
        final Cases c = new Cases(Suite.OPTS, iface, out);

        c.test(
                "1",
                "pthread_sigmask examines and changes the calling thread's mask alone, whatever the thread count",
                lab -> lab.runOk(sys -> {
                    final CountDownLatch changed = new CountDownLatch(1);
                    final UserThread other = sys.spawnThread(ts -> {
                        ts.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR2));
                        changed.countDown();
                    });
                    Waits.await(changed);
                    eq(SignalSet.empty(), sys.mask(), "the first thread's mask after the second blocked SIGUSR2");
                    final SignalSet old = sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                    eq(SignalSet.empty(), old, "old mask");
                    eq(SignalSet.of(SIGUSR1), sys.mask(), "new mask");
                    Waits.join(other);
                }));

        c.test(
                "2",
                "the mask of the calling thread of a single-threaded process can be read and changed",
                lab -> inContext(lab, threaded, sys -> {
                    eq(SignalSet.empty(), sys.mask(), "initial mask");
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGABRT));
                    eq(SignalSet.of(SIGABRT), sys.mask(), "mask after blocking SIGABRT");
                }));

        c.test(
                "3",
                "a set changes the blocked set; without a set (the query form) the mask is unchanged",
                lab -> inContext(lab, threaded, sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGALRM));
                    eq(SignalSet.of(SIGALRM), sys.mask(), "after SETMASK");
                    eq(SignalSet.of(SIGALRM), sys.mask(), "a second query");
                }));

        c.test(
                "4",
                "SIG_BLOCK makes the mask the union of the current mask and the set",
                lab -> inContext(lab, threaded, sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGABRT, SIGHUP));
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGHUP, SIGALRM, Signals.SIGRTMAX));
                    eq(SignalSet.of(SIGABRT, SIGHUP, SIGALRM, Signals.SIGRTMAX), sys.mask(), "mask");
                    final Events ev = new Events();
                    sys.sigaction(SIGALRM, Sigs.recording(ev), SignalSet.empty(), 0);
                    sys.raise(SIGALRM);
                    eq(0, ev.size(), "handlers of the newly blocked SIGALRM");
                    that(sys.sigpending().contains(SIGALRM), "SIGALRM pending while blocked");
                }));

        c.test(
                "5",
                "SIG_SETMASK makes the mask exactly the set",
                lab -> inContext(lab, threaded, sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGABRT, SIGHUP));
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGUSR2, Signals.SIGRTMIN));
                    eq(SignalSet.of(SIGUSR2, Signals.SIGRTMIN), sys.mask(), "mask");
                }));

        c.test(
                "6",
                "SIG_UNBLOCK makes the mask the current mask minus the set",
                lab -> inContext(lab, threaded, sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGABRT, SIGHUP, SIGUSR1));
                    sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGHUP, SIGALRM));
                    eq(SignalSet.of(SIGABRT, SIGUSR1), sys.mask(), "mask");
                }));

        c.test(
                "7",
                "the previous mask is stored in oset",
                lab -> inContext(lab, threaded, sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGABRT));
                    eq(
                            SignalSet.of(SIGABRT),
                            sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGALRM)),
                            "oset after BLOCK");
                    eq(
                            SignalSet.of(SIGABRT, SIGALRM),
                            sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(SIGABRT)),
                            "oset after UNBLOCK");
                    eq(
                            SignalSet.of(SIGALRM),
                            sys.sigprocmask(MaskHow.SETMASK, SignalSet.empty()),
                            "oset after SETMASK");
                }));

        c.test(
                        "8",
                        "with a null set (the query form) the mask is unchanged and a blocked pending signal stays pending",
                        lab -> inContext(lab, threaded, sys -> {
                            final Events ev = new Events();
                            sys.sigaction(SIGUSR1, Sigs.recording(ev), SignalSet.empty(), 0);
                            sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGUSR1));
                            sys.raise(SIGUSR1);
                            for (int i = 0; i < 3; i++) {
                                eq(SignalSet.of(SIGUSR1), sys.mask(), "queried mask");
                            }
                            eq(0, ev.size(), "handlers run");
                            eq(SignalSet.of(SIGUSR1), sys.sigpending(), "pending");
                        }))
                .choice("the null set is the separate query call mask() (the Java binding has no null pointer); POSIX"
                        + " makes how insignificant then, which the binding honours by taking no how.");

        c.test(
                "9",
                "a pending signal the call unblocks is delivered before the call returns",
                lab -> inContext(lab, threaded, sys -> {
                    final Events ev = new Events();
                    for (final int sig : Sigs.CATCHABLE) {
                        sys.sigaction(sig, Sigs.recording(ev), SignalSet.empty(), 0);
                        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
                        sys.raise(sig);
                        eq(0, ev.count(Sigs.ran(sig)), "handlers of blocked " + Signals.name(sig));
                        sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(sig));
                        eq(1, ev.count(Sigs.ran(sig)), "handlers of " + Signals.name(sig) + " when the call returns");
                    }
                }));

        c.test(
                "10",
                "SIGKILL and SIGSTOP cannot be blocked, and trying is not an error",
                lab -> inContext(lab, threaded, sys -> {
                    sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGKILL, SIGSTOP, SIGHUP));
                    eq(SignalSet.of(SIGHUP), sys.mask(), "mask after blocking SIGKILL, SIGSTOP, SIGHUP");
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                    that(!sys.mask().contains(SIGKILL) && !sys.mask().contains(SIGSTOP), "full mask: " + sys.mask());
                }));

        c.notApplicable(
                "11",
                "SIGFPE, SIGILL, SIGSEGV or SIGBUS generated by a fault while blocked is undefined",
                "undefined behaviour, and hardware faults: the engine runs Java code that cannot fault");

        c.test(
                "12",
                "a failed call leaves the thread's mask unchanged",
                lab -> inContext(lab, threaded, sys -> {
                    sys.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGABRT));
                    for (final int how : new int[] {-1, 3, 99}) {
                        fails(
                                Errno.EINVAL,
                                () -> sys.sigprocmask(MaskHow.fromCode(how), SignalSet.of(SIGALRM)),
                                "how=" + how);
                    }
                    eq(SignalSet.of(SIGABRT), sys.mask(), "mask after the failures");
                }));

        c.test(
                        "13",
                        "in a multi-threaded process sigprocmask is unspecified; sigpage applies it to the calling thread",
                        lab -> lab.runOk(sys -> {
                            final CountDownLatch changed = new CountDownLatch(1);
                            final UserThread other = sys.spawnThread(ts -> {
                                ts.sigprocmask(MaskHow.SETMASK, SignalSet.of(SIGHUP));
                                changed.countDown();
                            });
                            Waits.await(changed);
                            eq(SignalSet.empty(), sys.mask(), "the calling thread's mask is its own");
                            Waits.join(other);
                        }))
                .choice(
                        "sigprocmask in a multi-threaded process acts as pthread_sigmask on the calling thread (as"
                                + " Linux); POSIX leaves it unspecified, so acting on the process or failing would be permitted too.");

        c.test(
                "14",
                "pthread_sigmask reports success (returns normally, giving the old mask)",
                lab -> inContext(
                        lab,
                        true,
                        sys -> eq(SignalSet.empty(), sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1)), "result")));

        c.test(
                "15",
                "sigprocmask returns 0 on success; on failure it reports the errno and the mask is unchanged",
                lab -> inContext(lab, threaded, sys -> {
                    eq(SignalSet.empty(), sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1)), "success");
                    final SignalException e = fails(
                            Errno.EINVAL, () -> sys.sigprocmask(MaskHow.fromCode(7), SignalSet.of(SIGUSR2)), "how=7");
                    eq("how", e.valueName(), "offending value named");
                    eq(SignalSet.of(SIGUSR1), sys.mask(), "mask after the failure");
                }));

        c.test(
                "16",
                "pthread_sigmask fails with EINVAL when how is none of the defined values",
                lab -> inContext(
                        lab,
                        true,
                        sys -> fails(
                                Errno.EINVAL,
                                () -> sys.sigprocmask(MaskHow.fromCode(-3), SignalSet.empty()),
                                "how=-3")));

        c.test(
                "17",
                "sigprocmask fails with EINVAL when how is none of the defined values",
                lab -> inContext(lab, false, sys -> {
                    for (int how = 3; how < 40; how += 9) {
                        final int h = how;
                        fails(
                                Errno.EINVAL,
                                () -> sys.sigprocmask(MaskHow.fromCode(h), SignalSet.of(SIGHUP)),
                                "how=" + how);
                    }
                    eq(SignalSet.empty(), sys.mask(), "mask after the failures");
                }));

        c.test(
                "18",
                "pthread_sigmask never fails with EINTR, even when the signals it unblocks run handlers",
                lab -> inContext(lab, true, sys -> {
                    final Events ev = new Events();
                    for (final int sig : Sigs.CATCHABLE) {
                        sys.sigaction(sig, Sigs.recording(ev), SignalSet.empty(), 0);
                    }
                    for (final int sig : Sigs.CATCHABLE) {
                        sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
                        sys.raise(sig);
                        sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(sig));
                    }
                    eq(Sigs.CATCHABLE.length, ev.size(), "handlers run, each call returned normally");
                }));
    }
}
