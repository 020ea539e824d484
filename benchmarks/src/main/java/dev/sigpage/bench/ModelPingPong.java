package dev.sigpage.bench;

import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.IdleStrategy;

/**
 * A model thread served by its own Java thread that waits for a deliverable signal, claims it and acknowledges;
 * the benchmark thread sends SIGUSR1 with tgkill and spins until the acknowledgement. One round trip is
 * send, wake-up, observation, claim, and the acknowledgement's cache-line transfer back.
 */
final class ModelPingPong implements RoundTrip {

    /** A handler address for the model's sigaction, so SIGUSR1 is caught rather than fatal. */
    static final long HANDLER = 0x4000_1000L;

    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Kernel kernel = new Kernel();
    private final ModelThread sender;
    private final ModelThread waiter;
    private final int pid;
    private final int tid;
    private final IdleStrategy idle;
    private final AtomicLong acknowledged = new AtomicLong();
    private final Thread server;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private long sent;

    /**
     * Starts the waiting thread.
     *
     * @param idle null to park (the thread registers as a sleeper and the sender unparks it), or an Agrona idle
     *             strategy polling the thread word
     */
    ModelPingPong(final IdleStrategy idle) {
        final ModelProcess process = spawnCatchingTarget(kernel);
        this.sender = process.mainThread();
        this.waiter = process.createThread(sender);
        this.pid = process.pid();
        this.tid = waiter.tid();
        this.idle = idle;
        this.server = new Thread(this::serve, "sigpage-delivery-waiter");
        server.setDaemon(true);
        server.start();
    }

    /**
     * Spawns the benchmarks' target process: unprivileged (uid 1000) and catching SIGUSR1 with {@link #HANDLER}.
     *
     * @param kernel the kernel to spawn it in
     * @return the process
     */
    static ModelProcess spawnCatchingTarget(final Kernel kernel) {
        final ModelProcess process = kernel.spawn(1000, 1000);
        process.sigaction(Signals.SIGUSR1, SigAction.handler(HANDLER, SignalSet.empty(), 0));
        return process;
    }

    private void serve() {
        final MutableSigInfo info = new MutableSigInfo();
        try {
            while (running) {
                final SignalSet deliverable = waiter.awaitDeliverable(idle, WAIT_SLICE_NANOS);
                if (!deliverable.isEmpty() && waiter.claim(info) == Signals.SIGUSR1) {
                    // volatile: the sender's spin reads it
                    acknowledged.incrementAndGet();
                }
            }
        } catch (final Throwable e) {
            failure = e;
        }
    }

    @Override
    public long roundTrip() {
        final long expected = ++sent;
        kernel.tgkill(sender, pid, tid, Signals.SIGUSR1);
        long spins = 0;
        long deadline = 0;
        while (acknowledged.get() < expected) {
            Thread.onSpinWait();
            if ((++spins & 0xFFFF) == 0) {
                deadline = checkStuck(deadline);
            }
        }
        return expected;
    }

    private long checkStuck(final long deadline) {
        final long now = System.nanoTime();
        if (deadline == 0) {
            return now + STUCK_NANOS;
        }
        if (failure != null || now > deadline) {
            throw new IllegalStateException(
                    "the waiting model thread did not acknowledge: sent=" + sent + " acknowledged="
                            + acknowledged.get(),
                    failure);
        }
        return deadline;
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        server.join(TimeUnit.SECONDS.toMillis(10));
    }
}
