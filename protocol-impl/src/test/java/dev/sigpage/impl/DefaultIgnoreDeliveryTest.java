package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.engine.Engine;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.ProcessEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A signal whose default action is to ignore (SIGCHLD, SIGURG, SIGWINCH) does nothing when its default action is
 * taken. Such a signal is discarded when it is generated, so the only way it reaches a delivery with SIG_DFL is a
 * {@code sigaction(SIG_DFL)} between the claim and the delivery's read of the action: the test holds the sigaction
 * lock while the delivery has claimed the signal (the delivery waits for the lock, see {@code ActionReadTest}), sets
 * SIG_DFL, and releases it. POSIX: the default action of SIGCHLD, SIGURG and SIGWINCH is to ignore the signal.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DefaultIgnoreDeliveryTest {
    private static final long T = 10;

    @Test
    void aDefaultIgnoredSignalTakenWithSigDflLeavesTheProcessRunning() throws Exception {
        for (final int sig : new int[] {Signals.SIGCHLD, Signals.SIGURG, Signals.SIGWINCH}) {
            final Engine engine = new Engine();
            final EngineProcess p = engine.spawn(1000, 1000);
            final AtomicInteger handled = new AtomicInteger();
            final AtomicBoolean after = new AtomicBoolean();
            final AtomicReference<Thread> carrier = new AtomicReference<>();
            final CountDownLatch ready = new CountDownLatch(1);
            final CountDownLatch go = new CountDownLatch(1);
            p.start(sys -> {
                sys.sigaction(sig, (s, info, ctx) -> handled.incrementAndGet(), SignalSet.empty(), 0);
                sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(sig));
                sys.raise(sig);
                ready.countDown();
                await(go);
                carrier.set(Thread.currentThread());
                sys.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(sig));
                after.set(true);
            });
            await(ready);
            final ModelProcess model = p.model();
            assertEquals(SignalSet.of(sig), model.mainThread().pendingSet(), Signals.name(sig) + " pending, blocked");
            final Object lock = model.actions.lock();
            final String lockName =
                    lock.getClass().getName() + '@' + Integer.toHexString(System.identityHashCode(lock));
            synchronized (lock) {
                go.countDown();
                Thread c;
                while ((c = carrier.get()) == null) {
                    Thread.onSpinWait();
                }
                // until the carrier is blocked on the sigaction lock itself, not on some other monitor on its way
                Thread.State state;
                do {
                    Thread.onSpinWait();
                    state = c.getState();
                } while (state != Thread.State.TERMINATED
                        && !(state == Thread.State.BLOCKED && lockName.equals(lockNameOf(c))));
                assertEquals(Thread.State.BLOCKED, state, "the delivery waits for the sigaction lock");
                model.sigaction(sig, SigAction.DEFAULT);
            }
            assertEquals(
                    new ProcessEvent(ProcessEvent.Kind.EXITED, p.pid(), 0),
                    p.awaitEnd(T, TimeUnit.SECONDS),
                    Signals.name(sig) + " taken with SIG_DFL is ignored: the program runs to its end");
            assertTrue(after.get(), Signals.name(sig) + ": the code after the unblock ran");
            assertEquals(0, handled.get(), Signals.name(sig) + ": the old handler did not run");
        }
    }

    /** The monitor a thread is blocked on, as the JVM names it, or null. */
    private static String lockNameOf(final Thread t) {
        final ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(t.getId());
        return info == null ? null : info.getLockName();
    }

    private static void await(final CountDownLatch latch) {
        try {
            if (!latch.await(T, TimeUnit.SECONDS)) {
                throw new AssertionError("hand-off timed out");
            }
        } catch (final InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
