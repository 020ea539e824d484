package dev.sigpage.impl.engine;

import static dev.sigpage.impl.engine.BlockingWait.NO_DEADLINE;
import static dev.sigpage.impl.engine.CallOutcome.done;
import static dev.sigpage.impl.engine.CallOutcome.failed;
import static dev.sigpage.impl.engine.CallOutcome.interrupted;
import static dev.sigpage.impl.engine.CallOutcome.partial;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.Errno;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.impl.ModelThread;
import dev.sigpage.impl.WaitInterruptedException;
import dev.sigpage.impl.engine.InterruptibleCall.Restart;

/**
 * The blocking calls of one thread, each written as one attempt (do the work that can be done, wait, report a
 * {@link CallOutcome}) run by {@link InterruptibleCall}. The javadoc of each call is on {@link Sys}.
 */
final class BlockingCalls {
    private final UserThread user;
    private final ModelThread thread;
    private final BlockingWait waits;
    private final InterruptibleCall calls;

    BlockingCalls(final UserThread user, final BlockingWait waits, final InterruptibleCall calls) {
        this.user = user;
        this.thread = user.model();
        this.waits = waits;
        this.calls = calls;
    }

    ProcessEvent waitpid(final EngineProcess child) {
        return calls.run("waitpid", Restart.UNLESS_SA_RESTART, () -> {
            while (true) {
                final ProcessEvent e = child.pollEvent();
                if (e != null) {
                    return done(e);
                }
                if (waits.await(child::hasEvent, child.eventWaiters(), NO_DEADLINE) != WaitEnd.READY) {
                    return interrupted();
                }
            }
        });
    }

    long sleep(final long nanos) {
        final long deadline = BlockingWait.deadlineOf(nanos);
        return calls.run(
                "sleep",
                Restart.NEVER,
                () -> waits.await(() -> false, null, deadline) == WaitEnd.TIMEOUT ? done(0L) : interrupted(),
                () -> Math.max(1, deadline - System.nanoTime()));
    }

    int read(final Pipe pipe, final byte[] b, final int off, final int len) {
        return calls.run("read", Restart.UNLESS_SA_RESTART, () -> {
            while (true) {
                final int n = len == 0 ? 0 : pipe.tryRead(b, off, len);
                if (n >= 0) {
                    return done(n);
                }
                if (waits.await(pipe::readable, pipe.waiters(), NO_DEADLINE) != WaitEnd.READY) {
                    return interrupted();
                }
            }
        });
    }

    int write(final Pipe pipe, final byte[] b, final int off, final int len) {
        final int[] written = {0};
        return calls.run("write", Restart.UNLESS_SA_RESTART, () -> {
            while (true) {
                written[0] += pipe.tryWrite(b, off + written[0], len - written[0]);
                if (written[0] == len) {
                    return done(len);
                }
                if (waits.await(pipe::writable, pipe.waiters(), NO_DEADLINE) != WaitEnd.READY) {
                    return written[0] > 0 ? partial(written[0]) : interrupted();
                }
            }
        });
    }

    boolean futexWait(final Futex futex, final int expected) {
        return calls.run("futex", Restart.UNLESS_SA_RESTART, () -> {
            final Futex.Waiter w = futex.enqueueIf(expected, user);
            if (w == null) {
                return failed(new SignalException(
                        Errno.EAGAIN,
                        "futex word must hold the expected value",
                        "value",
                        futex.value().get()));
            }
            boolean woken = false;
            try {
                waits.await(() -> w.woken, null, NO_DEADLINE);
            } finally {
                woken = futex.leave(w);
            }
            return woken ? done(Boolean.TRUE) : interrupted();
        });
    }

    long call(final SchemeChannel channel, final long argument) {
        return calls.run("call", Restart.UNLESS_SA_RESTART, () -> {
            final SchemeRequest r = channel.server().submit(channel, argument);
            boolean cancelled = false;
            try {
                while (waits.await(channel::hasResponse, null, NO_DEADLINE, !cancelled, false) != WaitEnd.READY) {
                    // a deliverable signal: ask the server to cancel, then wait for its answer alone.
                    channel.server().cancel(r, false);
                    cancelled = true;
                }
            } catch (final ThreadTerminated killed) {
                channel.server().cancel(r, true);
                throw killed;
            } catch (final WaitInterruptedException e) {
                // a Java interrupt, not a signal: the caller gives the call up without telling the server, whose
                // answer, if any, is then refused; an answer already given is taken, so the channel is empty again.
                if (!r.abandon()) {
                    channel.awaitAnswered();
                    channel.takeResponse();
                }
                throw e;
            }
            final SchemeRequest answered = channel.takeResponse();
            if (answered.error() == null) {
                return done(answered.result());
            }
            if (answered.error() != Errno.EINTR) {
                return failed(new SignalException(
                        answered.error(), "the scheme server refused the call", "argument", argument));
            }
            return interrupted();
        });
    }

    SignalException sigsuspend(final SignalSet mask) {
        return calls.run("sigsuspend", Restart.NEVER, () -> {
            while (true) {
                final Delivery d = new Delivery();
                // the core claims the signal and applies its action with the original mask as the saved one.
                final int sig = waits.block(() -> thread.sigsuspend(mask, d, Long.MAX_VALUE, waits.newIdle()));
                if (sig != 0) {
                    return new CallOutcome.Delivered<>(sig, d);
                }
            }
        });
    }

    SigInfo sigtimedwait(final SignalSet set, final long timeoutNanos) {
        final long deadline = timeoutNanos < 0 ? NO_DEADLINE : BlockingWait.deadlineOf(timeoutNanos);
        final MutableSigInfo out = new MutableSigInfo();
        return calls.run("sigtimedwait", Restart.NEVER, () -> {
            try {
                // first without waiting: a pending signal of the set is taken without blocking.
                thread.sigtimedwait(set, out, 0);
                return done(out.toSigInfo());
            } catch (final SignalException none) {
                if (none.errno() != Errno.EAGAIN || left(deadline) <= 0) {
                    return failed(none);
                }
            }
            try {
                waits.block(() -> thread.sigtimedwait(set, out, left(deadline), waits.newIdle()));
                return done(out.toSigInfo());
            } catch (final SignalException waited) {
                if (waited.errno() != Errno.EINTR) {
                    return failed(waited);
                }
            }
            // a signal outside the set is deliverable. Inside an inhibit section it cannot be delivered, so the call
            // fails rather than spin.
            return thread.deliveryInhibited() ? failed(InterruptibleCall.eintr("sigtimedwait")) : interrupted();
        });
    }

    private static long left(final long deadline) {
        return deadline == NO_DEADLINE ? Long.MAX_VALUE : deadline - System.nanoTime();
    }
}
