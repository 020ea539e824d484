package dev.sigpage.impl;

import static dev.sigpage.api.Signals.SIGABRT;
import static dev.sigpage.api.Signals.SIGALRM;
import static dev.sigpage.api.Signals.SIGBUS;
import static dev.sigpage.api.Signals.SIGFPE;
import static dev.sigpage.api.Signals.SIGHUP;
import static dev.sigpage.api.Signals.SIGILL;
import static dev.sigpage.api.Signals.SIGINT;
import static dev.sigpage.api.Signals.SIGIO;
import static dev.sigpage.api.Signals.SIGPIPE;
import static dev.sigpage.api.Signals.SIGPROF;
import static dev.sigpage.api.Signals.SIGPWR;
import static dev.sigpage.api.Signals.SIGQUIT;
import static dev.sigpage.api.Signals.SIGSEGV;
import static dev.sigpage.api.Signals.SIGSTKFLT;
import static dev.sigpage.api.Signals.SIGSYS;
import static dev.sigpage.api.Signals.SIGTERM;
import static dev.sigpage.api.Signals.SIGTRAP;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGUSR2;
import static dev.sigpage.api.Signals.SIGVTALRM;
import static dev.sigpage.api.Signals.SIGXCPU;
import static dev.sigpage.api.Signals.SIGXFSZ;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.Signals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A thread changing its own mask while other threads send it signals: the mask change replaces the allow half of
 * the word whose pending half the sends raise, so neither may erase the other. In rounds: a second thread sends,
 * thread-directed, each of the standard signals that have no effect at send time (not stop, continue, kill, nor
 * ignored by default) once, while the owner toggles the mask of a signal that is never sent (SIGUSR2) until every
 * send of the round has returned; then the owner claims, and the next round starts when the owner has claimed the
 * whole round, so every send makes a new instance pending and none merges. The process-directed variant has two
 * senders, each sending half of the signals to the process, whose word they write concurrently with each
 * other and with the owner's toggles of its own thread word; the owner claims after the round's sends.
 *
 * <p>Accounting, no timing: a send that has returned has raised its bit, and only the owner clears it, so the
 * owner's claims after the round's sends have returned must find every one of them exactly once; one that is
 * missing is a lost pending bit (a mask change or another send written as a read and a store over the send's OR),
 * one claimed twice a clear undone by such a store. The owner also reads back the mask after each change, which a
 * send written as a read and a store over the mask change would undo. On any fault the owner stops the senders and
 * the test fails with the counts; a lost bit would otherwise leave the signal's info slot owned and hang its next
 * send.
 */
class MaskChangeVsSendTest {
    /** The signals sent: standard signals whose send has no side effect and whose default action is not ignore. */
    private static final int[] SENT = {
        SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGUSR1, SIGSEGV, SIGPIPE, SIGALRM, SIGTERM,
        SIGSTKFLT, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO, SIGPWR, SIGSYS
    };

    /** Rounds: the race window is a few instructions of a mask change, reached many times in this many sends. */
    private static final int ROUNDS = 3_000;

    /** Rounds in the interpreted JVM: each access there is a call, so the window is wide and few rounds do. */
    private static final int INTERPRETED_ROUNDS = 600;

    /**
     * Mask changes in a row that see no send return before a thread yields: it stays on its core while the other
     * thread runs in parallel (the race needs that) and gives the core away when the other is not running.
     */
    private static final int SPINS = 64;

    @Test
    void aMaskChangeNeverErasesAConcurrentSendAndASendNeverUndoesTheMask() throws Exception {
        assertNull(race(ROUNDS, false));
    }

    @Test
    void concurrentProcessDirectedSendersLoseNothingAndNoInstanceIsClaimedTwice() throws Exception {
        assertNull(race(ROUNDS, true));
    }

    /**
     * The same in a JVM that only interprets: compiled, a mask change's read and write of the word are adjacent
     * instructions and a send between them is rare; interpreted, each access is a call of its own (jcstress runs its
     * proofs interpreted too, for the same reason).
     */
    @Test
    void theSameInAnInterpretedJvm() throws Exception {
        assertNoFaultInAnInterpretedJvm("thread");
    }

    @Test
    void theProcessDirectedVariantInAnInterpretedJvm() throws Exception {
        assertNoFaultInAnInterpretedJvm("process");
    }

    private static void assertNoFaultInAnInterpretedJvm(final String variant) throws Exception {
        InterpretedRun.assertNoFault(MaskChangeVsSendTest.class, Integer.toString(INTERPRETED_ROUNDS), variant);
    }

    /**
     * The interpreted run: prints {@code no fault} and exits 0, or prints the fault and exits 1.
     *
     * @param args the number of rounds, and {@code thread} or {@code process}
     */
    public static void main(final String[] args) throws InterruptedException {
        InterpretedRun.exit(race(Integer.parseInt(args[0]), args[1].equals("process")));
    }

    /** The rounds above with every round's sends accounted; the first fault found, or null. */
    static String race(final int roundCount, final boolean processDirected) throws InterruptedException {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread owner = p.mainThread();
        final long toggled = Signals.bit(SIGUSR2);
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger claimedRounds = new AtomicInteger();
        final AtomicReference<String> failure = new AtomicReference<>();
        final int half = SENT.length / 2;
        final List<int[]> shares = processDirected
                ? List.of(Arrays.copyOfRange(SENT, 0, half), Arrays.copyOfRange(SENT, half, SENT.length))
                : List.of(SENT);
        final List<Thread> senders = new ArrayList<>();
        for (final int[] share : shares) {
            final ModelThread sender = p.createThread(owner);
            sender.sigprocmask(MaskHow.SETMASK, -1L);
            senders.add(new Thread(
                    () -> {
                        try {
                            for (int round = 1; round <= roundCount; round++) {
                                for (int idle = 1; claimedRounds.get() < round - 1; idle++) {
                                    if (failure.get() != null) {
                                        return;
                                    }
                                    if (idle % SPINS == 0) {
                                        Thread.yield();
                                    }
                                }
                                for (final int sig : share) {
                                    if (processDirected) {
                                        kernel.kill(sender, p.pid(), sig);
                                    } else {
                                        kernel.tgkill(sender, p.pid(), owner.tid(), sig);
                                    }
                                    sent.incrementAndGet();
                                }
                            }
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, "a send failed: " + e);
                        }
                    },
                    "sender"));
        }
        senders.forEach(Thread::start);
        final MutableSigInfo info = new MutableSigInfo();
        final int[] claimed = new int[Signals.NSIG + 1];
        int rounds = 0;
        try {
            scenario:
            while (rounds < roundCount && failure.get() == null) {
                // toggle while the round's sends are under way, until all of them have returned
                for (int idle = 1; sent.get() < (rounds + 1) * SENT.length; idle++) {
                    if (failure.get() != null || Thread.currentThread().isInterrupted()) {
                        break scenario;
                    }
                    toggle(owner, toggled, failure, rounds);
                    if (idle % SPINS == 0) {
                        Thread.yield();
                    }
                }
                for (int sig = owner.claim(info); sig != 0; sig = owner.claim(info)) {
                    claimed[sig]++;
                }
                for (final int sig : SENT) {
                    if (claimed[sig] != rounds + 1) {
                        failure.compareAndSet(
                                null,
                                "the sends that had returned were not each claimed once (a pending"
                                        + " bit erased, or a clear undone): signal=" + sig + ", round=" + (rounds + 1)
                                        + ", claimed=" + claimed[sig] + ", pending=" + owner.pendingSet());
                    }
                }
                if (failure.get() != null) {
                    break; // the next round's send of a lost signal would wait forever for its slot
                }
                rounds++;
                claimedRounds.set(rounds);
            }
        } finally {
            failure.compareAndSet(null, rounds == roundCount ? null : "the owner stopped early: rounds=" + rounds);
            for (final Thread t : senders) {
                t.join();
            }
        }
        if (failure.get() == null && owner.pendingBits() != 0) {
            failure.set("left pending after every round was claimed: pending=" + owner.pendingSet());
        }
        return failure.get();
    }

    /** Blocks and unblocks the toggled signal, each time reading the mask back. */
    private static void toggle(
            final ModelThread owner, final long toggled, final AtomicReference<String> failure, final int rounds) {
        owner.sigprocmask(MaskHow.BLOCK, toggled);
        if ((owner.maskBits() & toggled) == 0) {
            failure.compareAndSet(null, "a send undid the mask change that blocked SIGUSR2: round=" + (rounds + 1));
        }
        owner.sigprocmask(MaskHow.UNBLOCK, toggled);
        if ((owner.maskBits() & toggled) != 0) {
            failure.compareAndSet(null, "a send undid the mask change that unblocked SIGUSR2: round=" + (rounds + 1));
        }
    }
}
