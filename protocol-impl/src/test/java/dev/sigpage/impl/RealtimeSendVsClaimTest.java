package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.Signals;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Thread-directed realtime sends racing the owner's claims of the same signals: a claim that takes a signal's last
 * queued entry clears its pending bit, and a send queues an entry and raises the bit, so the clear must be decided
 * under the queue lock the send takes; decided on a count seen earlier, it strands an entry queued in between
 * without its bit. A second thread sends a few realtime signals, keeping at most {@link #OUTSTANDING} of each queued,
 * while the owner claims without pause.
 *
 * <p>Accounting, no timing: before each claim pass the owner reads how many sends of each signal have returned. A
 * returned send has queued its entry with the bit raised, and only the owner takes entries, so once a pass finds
 * nothing more every returned send must have been claimed; one that was not is a stranded entry. The owner then
 * stops the sender and the test fails with the counts.
 */
class RealtimeSendVsClaimTest {
    private static final int FIRST = Signals.SIGRTMIN;
    private static final int SIGNALS = 8;
    private static final int SENDS = 20_000;
    private static final int INTERPRETED_SENDS = 1_000;
    private static final int OUTSTANDING = 2;

    /** Passes in a row with nothing to do before a thread yields (it gives its core to the other on a loaded machine). */
    private static final int SPINS = 64;

    @Test
    void aClaimOfTheLastEntryNeverStrandsOneQueuedMeanwhile() throws Exception {
        assertNull(race(SENDS));
    }

    /**
     * The same in a JVM that only interprets, where the steps of a claim are calls of their own and a send falls
     * between them far more often (jcstress runs its proofs interpreted too).
     */
    @Test
    void theSameInAnInterpretedJvm() throws Exception {
        InterpretedRun.assertNoFault(RealtimeSendVsClaimTest.class, Integer.toString(INTERPRETED_SENDS));
    }

    /**
     * The interpreted run: prints {@code no fault} and exits 0, or prints the fault and exits 1.
     *
     * @param args the number of sends of each signal
     */
    public static void main(final String[] args) throws InterruptedException {
        InterpretedRun.exit(race(Integer.parseInt(args[0])));
    }

    /** The sends and claims above, every returned send accounted; the first fault found, or null. */
    static String race(final int sends) throws InterruptedException {
        final Kernel kernel = new Kernel();
        final ModelProcess p = kernel.spawn(1000, 1000);
        final ModelThread owner = p.mainThread();
        final ModelThread sender = p.createThread(owner);
        sender.sigprocmask(MaskHow.SETMASK, -1L);
        final AtomicIntegerArray sent = new AtomicIntegerArray(Signals.NSIG + 1);
        final AtomicIntegerArray claimed = new AtomicIntegerArray(Signals.NSIG + 1);
        final AtomicReference<String> failure = new AtomicReference<>();
        final Thread sending = new Thread(
                () -> {
                    try {
                        int total = 0;
                        for (int idle = 1; total < SIGNALS * sends && failure.get() == null; idle++) {
                            for (int sig = FIRST; sig < FIRST + SIGNALS; sig++) {
                                final int n = sent.get(sig);
                                if (n < sends && n - claimed.get(sig) < OUTSTANDING) {
                                    kernel.sigqueueThread(sender, p.pid(), owner.tid(), sig, n);
                                    sent.set(sig, n + 1);
                                    total++;
                                    idle = 0;
                                }
                            }
                            if (idle % SPINS == SPINS - 1) {
                                Thread.yield();
                            }
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, "a send failed: " + e);
                    }
                },
                "sender");
        sending.start();
        final MutableSigInfo info = new MutableSigInfo();
        final int[] returned = new int[Signals.NSIG + 1];
        int claims = 0;
        try {
            for (int idle = 1;
                    claims < SIGNALS * sends
                            && failure.get() == null
                            && !Thread.currentThread().isInterrupted();
                    idle++) {
                for (int sig = FIRST; sig < FIRST + SIGNALS; sig++) {
                    returned[sig] = sent.get(sig);
                }
                for (int sig = owner.claim(info); sig != 0; sig = owner.claim(info)) {
                    if (info.value() != claimed.get(sig)) {
                        failure.compareAndSet(
                                null,
                                "claimed out of order: signal=" + sig + ", value=" + info.value() + ", expected="
                                        + claimed.get(sig));
                    }
                    claimed.set(sig, claimed.get(sig) + 1);
                    claims++;
                    idle = 0;
                }
                for (int sig = FIRST; sig < FIRST + SIGNALS; sig++) {
                    if (returned[sig] > claimed.get(sig)) {
                        failure.compareAndSet(
                                null,
                                "an entry of a send that had returned was stranded without its"
                                        + " pending bit: signal=" + sig + ", sends=" + returned[sig] + ", claimed="
                                        + claimed.get(sig) + ", queued=" + owner.queuedRealtime(sig));
                    }
                }
                if (idle % SPINS == SPINS - 1) {
                    Thread.yield();
                }
            }
        } finally {
            failure.compareAndSet(null, claims == SIGNALS * sends ? null : "the owner stopped early: claims=" + claims);
            sending.join();
        }
        return failure.get();
    }
}
