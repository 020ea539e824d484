package dev.sigpage.impl.engine;

import dev.sigpage.impl.WaitInterruptedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * A scheme server reached by IPC: callers' requests and the kernel's cancellation messages arrive on one
 * multi-producer single-consumer queue (Agrona), the server thread runs its {@link SchemeHandler}, and answers
 * go back on each caller's {@link SchemeChannel}.
 *
 * <p>When a caller blocked in {@link Sys#call} is signalled, in {@link CancelMode#REQUEST} mode a cancellation
 * message is queued (Redox); in {@link CancelMode#EVENT} mode the call's {@link CancelEvent} is raised and the
 * server, which watches the events of its outstanding requests, notices it (Managarm). Either way the handler's
 * {@link SchemeHandler#cancel} decides, and the caller keeps waiting for the answer. SIGKILL force-cancels: the
 * caller stops waiting at once and the handler is told {@code forced}. The server thread parks when idle and is
 * unparked by every message, so it never spins.
 */
public final class SchemeServer implements AutoCloseable {
    private final SchemeHandler handler;
    private final CancelMode mode;
    private final ManyToOneConcurrentArrayQueue<Object> inbox;
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong cancelMessages = new AtomicLong();
    private final List<SchemeRequest> outstanding = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts a server thread.
     *
     * @param name     the thread's name
     * @param mode     how cancellations reach it
     * @param capacity the request queue's capacity
     * @param handler  the server's code
     */
    public SchemeServer(final String name, final CancelMode mode, final int capacity, final SchemeHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.inbox = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.thread = new Thread(this::serve, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** @return the cancellation mode */
    public CancelMode mode() {
        return mode;
    }

    /** @return how many cancellation messages were queued (REQUEST mode, and SIGKILL in both) */
    public long cancelMessages() {
        return cancelMessages.get();
    }

    /**
     * Opens a channel for a caller.
     *
     * @param caller the caller thread (its calls go through this channel only)
     * @return the channel
     */
    public SchemeChannel open(final UserThread caller) {
        return new SchemeChannel(this, caller, 2);
    }

    SchemeRequest submit(final SchemeChannel channel, final long argument) {
        final SchemeRequest r = new SchemeRequest(nextId.getAndIncrement(), argument, channel);
        offer(r, channel.owner().tid());
        return r;
    }

    /** The caller was signalled while waiting (or killed, {@code forced}). */
    void cancel(final SchemeRequest r, final boolean forced) {
        // volatile: the server's watch of outstanding events reads it after its unpark or its next message.
        r.cancelEvent().raise(forced);
        if (mode == CancelMode.REQUEST || forced) {
            cancelMessages.incrementAndGet();
            offer(new Cancel(r, forced), r.callerTid());
        } else {
            LockSupport.unpark(thread);
        }
    }

    /** @param tid the sending thread, for a {@link WaitInterruptedException} while the queue is full */
    private void offer(final Object message, final int tid) {
        // bounded: a full queue backs off (a kernel would block the sender), never drops.
        // MPSC offer (release): the server's poll (acquire) sees the message's fields.
        if (!inbox.offer(message)) {
            // full: back off (spin, yield, then park for growing periods) as a kernel would block the sender.
            final BackoffIdleStrategy backoff = new BackoffIdleStrategy();
            while (!inbox.offer(message)) {
                if (!running) {
                    throw new IllegalStateException("scheme server must be running: thread=" + thread.getName());
                }
                // not cleared: a Java interrupt of the sender ends the back-off; the message was not queued.
                if (Thread.currentThread().isInterrupted()) {
                    throw new WaitInterruptedException("call", tid);
                }
                LockSupport.unpark(thread);
                backoff.idle();
            }
        }
        LockSupport.unpark(thread);
    }

    private void serve() {
        while (running) {
            final Object m = inbox.poll();
            if (m == null) {
                watchEvents();
                // unparked by offer() and cancel(); the timeout is a bound, not the wake-up path.
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
                continue;
            }
            if (m instanceof SchemeRequest) {
                final SchemeRequest r = (SchemeRequest) m;
                outstanding.add(r);
                handler.request(r);
            } else {
                final Cancel c = (Cancel) m;
                if (!c.request.isDone() && c.request.takeCancelReport(c.forced)) {
                    handler.cancel(c.request, c.forced);
                }
            }
            watchEvents();
        }
    }

    private void watchEvents() {
        for (final Iterator<SchemeRequest> it = outstanding.iterator(); it.hasNext(); ) {
            final SchemeRequest r = it.next();
            if (r.isDone()) {
                it.remove();
            } else if (mode == CancelMode.EVENT && r.cancelEvent().isRaised()) {
                // volatile reads: forced is written before raised (CancelEvent.raise).
                final boolean forced = r.cancelEvent().isForced();
                if (r.takeCancelReport(forced)) {
                    handler.cancel(r, forced);
                }
            }
        }
    }

    /** Stops the server thread. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }

    private static final class Cancel {
        final SchemeRequest request;
        final boolean forced;

        Cancel(final SchemeRequest request, final boolean forced) {
            this.request = request;
            this.forced = forced;
        }
    }
}
