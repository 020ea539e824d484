package dev.sigpage.impl.engine;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Delivery;
import dev.sigpage.api.Errno;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.frames.FrameRefusedException;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.impl.ModelThread;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.agrona.concurrent.IdleStrategy;

/**
 * The system-call facade of one model user thread. Every call is a return-to-user point: before it returns, every
 * deliverable signal is delivered (unless delivery is inhibited): the engine claims it, applies its action, runs
 * the Java handler with the handler mask, and restores the mask. Only the owning Java thread may call it.
 *
 * <p><b>Blocking calls</b> ({@link #sleep}, {@link #read}, {@link #write}, {@link #futexWait}, {@link #sigsuspend},
 * {@link #sigtimedwait}, {@link #call}) check for a deliverable signal after registering as a sleeper and before
 * parking ({@link ModelThread#awaitDeliverable(IdleStrategy, long, BooleanSupplier)}), so a signal sent just before
 * the thread blocks is never lost. When a signal interrupts one: if some work was done the call returns the partial
 * count; otherwise the signal is delivered and, if a handler ran without {@code SA_RESTART}, the call fails with
 * {@link Errno#EINTR}; else (every handler had {@code SA_RESTART}, or no handler ran: ignored, stopped and
 * continued) it restarts transparently. {@link #sleep} and {@link #sigsuspend} never restart after a handler.
 */
public final class Sys {
    static final int HANDLER_RAN = 1;
    static final int NOT_RESTARTABLE = 2;
    private static final int READY = 0;
    private static final int SIGNAL = 1;
    private static final int TIMEOUT = 2;
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final Engine engine;
    private final EngineProcess process;
    private final UserThread user;
    private final ModelThread thread;
    private final Thread owner;
    private Machine machine;
    private int handlerDepth;

    Sys(final EngineProcess process, final UserThread user, final Thread owner) {
        this.engine = process.engine();
        this.process = process;
        this.user = user;
        this.thread = user.model();
        this.owner = owner;
    }

    /** @return the process */
    public EngineProcess process() {
        return process;
    }

    /** @return the user thread */
    public UserThread user() {
        return user;
    }

    /** @return the model thread */
    public ModelThread thread() {
        return thread;
    }

    /** @return the pid */
    public int pid() {
        return process.pid();
    }

    /** @return the tid */
    public int tid() {
        return thread.tid();
    }

    /** @return how many handlers are running on this thread now (nesting depth) */
    public int handlerDepth() {
        return handlerDepth;
    }

    // ---------------------------------------------------------------- entry and return to user

    /** System-call entry: the caller owns the thread, the process is not ended, and not stopped. */
    void enter() {
        enter("start");
    }

    private void enter(final String call) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("sys must be called by its own thread: tid=" + thread.tid());
        }
        probe("entry:", call);
        process.awaitRunnable(user);
    }

    private void probe(final String point) {
        final Probe p = engine.probe();
        if (p != null) {
            p.at(user, point);
        }
    }

    private void probe(final String kind, final String name) {
        final Probe p = engine.probe();
        if (p != null) {
            p.at(user, kind + name);
        }
    }

    /**
     * Return to user: delivers every deliverable signal (nested deliveries included) unless delivery is inhibited.
     *
     * @return {@link #HANDLER_RAN} and {@link #NOT_RESTARTABLE} flags of what was delivered
     */
    int returnToUser() {
        int flags = 0;
        while (true) {
            process.awaitRunnable(user);
            final Delivery d;
            final int sig;
            try {
                // the common case allocates nothing: nothing deliverable, or delivery inhibited.
                if (!thread.deliveryDue()) {
                    return flags;
                }
                d = new Delivery();
                // the core claims the signal and applies its action to the page: mask, SA_RESETHAND, SA_ONSTACK.
                sig = thread.deliver(d);
            } catch (final IllegalStateException exited) {
                process.endIfModelEnded();
                throw new ThreadTerminated(process.pid());
            }
            if (sig == 0) {
                return flags;
            }
            flags |= act(sig, d);
        }
    }

    /** Runs what {@link ModelThread#deliver} decided: a default action, or the handler and then sigreturn. */
    private int act(final int sig, final Delivery d) {
        probe("deliver:", Signals.name(sig));
        if (d.isDefault()) {
            return defaultAction(sig);
        }
        final SignalHandler handler = engine.handlers().lookup(d.handler());
        if (handler == null) {
            // a jump to an address with no code: the thread faults.
            throw fatal(Signals.SIGSEGV);
        }
        final int flags = d.flags();
        final SigInfo info = (flags & SaFlags.SA_SIGINFO) != 0 ? d.info().toSigInfo()
            : new SigInfo(sig, 0, 0, 0, 0L);
        FrameView frame = null;
        final RegisterFile interrupted = machine == null ? null : machine.registers();
        if (machine != null) {
            final boolean onAlt = d.onAltStack() || thread.sigaltstack(null).isOnStack();
            frame = machine.push(sig, d.handler(), d.savedMask(), d.onAltStack() ? d.altStackTop() : 0, onAlt);
            if (frame == null) {
                throw fatal(Signals.SIGSEGV);
            }
        }
        handlerDepth++;
        try {
            handler.handle(sig, info, new HandlerContext(this, sig, info, thread.mask(), frame, handlerDepth));
        } catch (final RuntimeException e) {
            // an escape from the handler (a longjmp that saved the mask): restore the mask, keep the exception.
            handlerDepth--;
            if (frame != null) {
                machine.setRegisters(interrupted);
            }
            thread.sigreturn(d);
            throw e;
        }
        handlerDepth--;
        if (process.isEnded()) {
            // SIGKILL (or an exit) ended the process while the handler ran: there is nothing to return to.
            throw new ThreadTerminated(process.pid());
        }
        probe("sigreturn:", Signals.name(sig));
        if (frame == null) {
            thread.sigreturn(d);
        } else {
            final long frameMask;
            try {
                frameMask = machine.sigreturn(frame);
            } catch (final FrameRefusedException refused) {
                throw fatal(Signals.SIGSEGV);
            }
            thread.sigreturn(d);
            if (frameMask != d.savedMask()) {
                // the handler changed uc_sigmask in its frame: the frame's mask wins, as on Linux.
                thread.sigprocmask(MaskHow.SETMASK, frameMask);
            }
        }
        return HANDLER_RAN | ((flags & SaFlags.SA_RESTART) != 0 ? 0 : NOT_RESTARTABLE);
    }

    private int defaultAction(final int sig) {
        switch (Signals.defaultAction(sig)) {
            case TERMINATE:
                throw fatal(sig);
            case STOP:
                process.stop(sig);
                process.awaitRunnable(user);
                return 0;
            default:
                return 0;
        }
    }

    private ThreadTerminated fatal(final int sig) {
        process.end(new ProcessEvent(ProcessEvent.Kind.KILLED, process.pid(), sig));
        return new ThreadTerminated(process.pid());
    }

    private static boolean interrupts(final int flags) {
        // NOT_RESTARTABLE is only ever set together with HANDLER_RAN: a handler without SA_RESTART ran.
        return (flags & NOT_RESTARTABLE) != 0;
    }

    private static SignalException eintr(final String call) {
        return new SignalException(Errno.EINTR, "interrupted by a signal handler", call, 0);
    }

    /**
     * A return-to-user point with no call: delivers what is deliverable.
     */
    public void checkpoint() {
        enter("checkpoint");
        returnToUser();
    }

    // ---------------------------------------------------------------- masks, actions, senders

    /**
     * {@code sigprocmask}: a signal the change makes deliverable is delivered before this returns.
     *
     * @param how how to combine
     * @param set the set
     * @return the old mask
     */
    public SignalSet sigprocmask(final MaskHow how, final SignalSet set) {
        enter("sigprocmask");
        final SignalSet old = thread.sigprocmask(how, set);
        returnToUser();
        return old;
    }

    /** @return the current mask */
    public SignalSet mask() {
        enter("mask");
        return thread.mask();
    }

    /**
     * {@code sigaction}.
     *
     * @param sig the signal
     * @param act the new action
     * @return the old action
     */
    public SigAction sigaction(final int sig, final SigAction act) {
        enter("sigaction");
        final SigAction old = process.model().sigaction(sig, act);
        returnToUser();
        return old;
    }

    /**
     * Registers a handler in the engine's table and installs it.
     *
     * @param sig     the signal
     * @param handler the handler
     * @param mask    sa_mask
     * @param flags   sa_flags
     * @return the handler's address
     */
    public long sigaction(final int sig, final SignalHandler handler, final SignalSet mask, final int flags) {
        final long address = engine.handlers().register(handler);
        sigaction(sig, SigAction.handler(address, mask, flags));
        return address;
    }

    /** @return {@code sigpending}: pending and blocked */
    public SignalSet sigpending() {
        enter("sigpending");
        return thread.sigpending();
    }

    /**
     * {@code kill}.
     *
     * @param pid target
     * @param sig signal
     */
    public void kill(final int pid, final int sig) {
        enter("kill");
        engine.kernel().kill(thread, pid, sig);
        returnToUser();
    }

    /**
     * {@code tgkill}.
     *
     * @param pid target process
     * @param tid target thread
     * @param sig signal
     */
    public void tgkill(final int pid, final int tid, final int sig) {
        enter("tgkill");
        engine.kernel().tgkill(thread, pid, tid, sig);
        returnToUser();
    }

    /**
     * {@code sigqueue}.
     *
     * @param pid   target
     * @param sig   signal
     * @param value the value
     */
    public void sigqueue(final int pid, final int sig, final long value) {
        enter("sigqueue");
        engine.kernel().sigqueue(thread, pid, sig, value);
        returnToUser();
    }

    /**
     * {@code raise}: a thread-directed signal to this thread, delivered before this returns if unblocked.
     *
     * @param sig signal
     */
    public void raise(final int sig) {
        tgkill(process.pid(), thread.tid(), sig);
    }

    /** Starts a section in which delivery is deferred (nests). */
    public void inhibitDelivery() {
        enter("inhibitDelivery");
        thread.inhibitDelivery();
    }

    /** Ends a section; at the outermost end, what was deferred is delivered before this returns. */
    public void allowDelivery() {
        enter("allowDelivery");
        if (thread.allowDelivery()) {
            returnToUser();
        }
    }

    // ---------------------------------------------------------------- threads and processes

    /**
     * {@code pthread_create}: a new thread of this process (this thread's mask, nothing pending) running code.
     *
     * @param program the code
     * @return the thread
     */
    public UserThread spawnThread(final UserProgram program) {
        enter("spawnThread");
        final UserThread t = process.startThread(process.model().createThread(thread), program);
        returnToUser();
        return t;
    }

    /**
     * {@code fork}: a child process (actions and mask kept) whose main thread runs code; this process is its
     * parent and observes its events.
     *
     * @param program the child's code
     * @return the child
     */
    public EngineProcess fork(final UserProgram program) {
        enter("fork");
        final EngineProcess child = engine.adopt(process.model().fork(thread), process);
        child.start(program);
        returnToUser();
        return child;
    }

    /**
     * {@code waitpid(child, WUNTRACED | WCONTINUED)}: takes the child's next event, blocking until there is one.
     * Interruptible like the other blocking calls (EINTR, or a restart with SA_RESTART).
     *
     * @param child a child of this process
     * @return the event
     * @throws IllegalArgumentException if it is not a child of this process
     * @throws SignalException EINTR if a handler without SA_RESTART interrupted it
     */
    public ProcessEvent waitpid(final EngineProcess child) {
        if (child.parent() != process) {
            throw new IllegalArgumentException("process must be a child of the caller: pid=" + child.pid());
        }
        enter("waitpid");
        while (true) {
            final ProcessEvent e = child.pollEvent();
            if (e != null) {
                returnToUser();
                return e;
            }
            if (await(child::hasEvent, child.eventWaiters(), NO_DEADLINE) == READY) {
                continue;
            }
            if (interrupts(returnToUser())) {
                throw eintr("waitpid");
            }
        }
    }

    /**
     * {@code exit}: ends the process with a status; does not return.
     *
     * @param status the status
     * @return never returns normally
     */
    public ThreadTerminated exit(final int status) {
        enter("exit");
        process.end(new ProcessEvent(ProcessEvent.Kind.EXITED, process.pid(), status));
        throw new ThreadTerminated(process.pid());
    }

    /** The thread's code returned: the thread exits, and the process with its last thread. */
    void threadExit() {
        enter("threadExit");
        try {
            thread.exit();
        } catch (final IllegalStateException raced) {
            // the process ended meanwhile.
        }
        process.endIfModelEnded();
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Blocks until {@code ready}, a deliverable signal, the deadline, or the end of the process. With delivery
     * inhibited only {@code ready}, the deadline and the end of the process wake it.
     */
    private int await(final BooleanSupplier ready, final WaitQueue queue, final long deadline) {
        return await(ready, queue, deadline, true, true);
    }

    /**
     * @param interruptible whether a deliverable signal ends the wait
     * @param stopWakes     whether a stop of the process ends it (calls that restart on their own)
     */
    private int await(final BooleanSupplier ready, final WaitQueue queue, final long deadline,
                      final boolean interruptible, final boolean stopWakes) {
        if (queue != null) {
            queue.add(user);
        }
        try {
            // blockInCore: the BLOCKED state, the wait/woken probes, and an exited thread's end as ThreadTerminated.
            return blockInCore(() -> awaitLoop(ready, deadline, interruptible, interruptible && stopWakes));
        } finally {
            if (queue != null) {
                queue.remove(user);
            }
        }
    }

    private int awaitLoop(final BooleanSupplier ready, final long deadline, final boolean interruptible,
                          final boolean stopWakes) {
        // a stop of the process ends an interruptible wait too: the thread stops on its way out and the call
        // restarts after SIGCONT (Linux wakes every thread of the group for a group stop).
        final BooleanSupplier done = () -> ready.getAsBoolean() || process.isEnded()
            || stopWakes && process.isStopped();
        IdleStrategy idle = null;
        while (true) {
            if (process.isEnded()) {
                throw new ThreadTerminated(process.pid());
            }
            if (ready.getAsBoolean()) {
                return READY;
            }
            final long left = deadline == NO_DEADLINE ? NO_DEADLINE : deadline - System.nanoTime();
            if (left <= 0) {
                return TIMEOUT;
            }
            if (!interruptible || thread.deliveryInhibited()) {
                if (idle == null) {
                    idle = engine.waitStrategy().newIdle();
                }
                if (idle != null) {
                    idle.idle();
                } else {
                    LockSupport.parkNanos(this, left);
                }
                continue;
            }
            final SignalSet deliverable = thread.awaitDeliverable(engine.waitStrategy().newIdle(), left, done);
            if ((!deliverable.isEmpty() || stopWakes && process.isStopped()) && !ready.getAsBoolean()) {
                return SIGNAL;
            }
        }
    }

    private static long deadlineOf(final long timeoutNanos) {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout must not be negative: timeoutNanos=" + timeoutNanos);
        }
        final long now = System.nanoTime();
        return timeoutNanos >= NO_DEADLINE - now ? NO_DEADLINE - 1 : now + timeoutNanos;
    }

    /**
     * {@code sleep}: blocks for a time. A signal whose handler runs ends it early (never restarted, as nanosleep);
     * a signal without a handler (ignored, stop and continue) does not.
     *
     * @param nanos how long
     * @return 0 when the time passed, else the time left (at least 1)
     */
    public long sleep(final long nanos) {
        enter("sleep");
        final long deadline = deadlineOf(nanos);
        while (true) {
            if (await(() -> false, null, deadline) == TIMEOUT) {
                returnToUser();
                return 0;
            }
            if ((returnToUser() & HANDLER_RAN) != 0) {
                return Math.max(1, deadline - System.nanoTime());
            }
        }
    }

    /**
     * {@code read} on a pipe: at least one byte, or 0 at end of file.
     *
     * @param pipe the pipe
     * @param b    the buffer
     * @param off  offset
     * @param len  length (0 returns 0 at once)
     * @return bytes read
     * @throws SignalException EINTR if a handler without SA_RESTART interrupted it before any byte
     */
    public int read(final Pipe pipe, final byte[] b, final int off, final int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        enter("read");
        if (len == 0) {
            returnToUser();
            return 0;
        }
        while (true) {
            final int n = pipe.tryRead(b, off, len);
            if (n >= 0) {
                returnToUser();
                return n;
            }
            if (await(pipe::readable, pipe.waiters(), NO_DEADLINE) == READY) {
                continue;
            }
            if (interrupts(returnToUser())) {
                throw eintr("read");
            }
        }
    }

    /**
     * {@code write} on a pipe: blocks until every byte is in.
     *
     * @param pipe the pipe
     * @param b    the bytes
     * @param off  offset
     * @param len  length
     * @return bytes written: {@code len}, or fewer if a signal interrupted it after some
     * @throws SignalException EINTR if a handler without SA_RESTART interrupted it before any byte
     */
    public int write(final Pipe pipe, final byte[] b, final int off, final int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        enter("write");
        int done = 0;
        while (true) {
            done += pipe.tryWrite(b, off + done, len - done);
            if (done == len) {
                returnToUser();
                return done;
            }
            if (await(pipe::writable, pipe.waiters(), NO_DEADLINE) == READY) {
                continue;
            }
            if (done > 0) {
                returnToUser();
                return done;
            }
            if (interrupts(returnToUser())) {
                throw eintr("write");
            }
        }
    }

    /**
     * {@code FUTEX_WAIT}: blocks while the word holds {@code expected}, until {@link Futex#wake}.
     *
     * @param futex    the futex
     * @param expected the expected value
     * @throws SignalException EAGAIN if the word differs, EINTR if a handler without SA_RESTART interrupted it
     */
    public void futexWait(final Futex futex, final int expected) {
        enter("futexWait");
        while (true) {
            final Futex.Waiter w = futex.enqueueIf(expected, user);
            if (w == null) {
                returnToUser();
                throw new SignalException(Errno.EAGAIN, "futex word must hold the expected value", "value",
                    futex.value().get());
            }
            final boolean woken;
            try {
                await(() -> w.woken, null, NO_DEADLINE);
            } finally {
                woken = futex.leave(w);
            }
            if (woken) {
                returnToUser();
                return;
            }
            if (interrupts(returnToUser())) {
                throw eintr("futex");
            }
        }
    }

    /**
     * A call served by a scheme server: sends the request and waits for the answer. A deliverable signal while
     * waiting sends the server a cancellation (a message or the call's cancel event, by the server's
     * {@link CancelMode}) and the wait goes on until the server answers: EINTR from the server is the caller's
     * EINTR (or a transparent restart with SA_RESTART), a result (whole or partial) is returned, and the signal is
     * delivered before this returns. SIGKILL force-cancels: the caller's process ends without waiting.
     *
     * @param channel  the caller's channel to the server
     * @param argument the request's argument
     * @return the server's result
     * @throws SignalException EINTR, or the errno the server answered with
     */
    public long call(final SchemeChannel channel, final long argument) {
        if (channel.owner() != user) {
            throw new IllegalArgumentException("channel must belong to the calling thread: tid=" + thread.tid());
        }
        enter("call");
        while (true) {
            final SchemeRequest r = channel.server().submit(channel, argument);
            boolean cancelled = false;
            try {
                while (await(channel::hasResponse, null, NO_DEADLINE, !cancelled, false) != READY) {
                    // a deliverable signal: ask the server to cancel, then wait for its answer alone.
                    channel.server().cancel(r, false);
                    cancelled = true;
                }
            } catch (final ThreadTerminated killed) {
                channel.server().cancel(r, true);
                throw killed;
            }
            final SchemeRequest answered = channel.takeResponse();
            if (answered.error() == null) {
                returnToUser();
                return answered.result();
            }
            if (answered.error() != Errno.EINTR) {
                returnToUser();
                throw new SignalException(answered.error(), "the scheme server refused the call", "argument",
                    argument);
            }
            if (interrupts(returnToUser())) {
                throw eintr("call");
            }
        }
    }

    /**
     * {@code sigsuspend} over {@link ModelThread#sigsuspend}: replaces the mask, waits for a signal whose handler
     * runs (under the temporary mask) or that ends the process, restores the mask. Ignored signals and stop/continue
     * do not end it. Waits by parking (the core's wait).
     *
     * @param mask the mask while waiting
     * @return never returns normally
     * @throws SignalException always EINTR, after the handler ran
     */
    public SignalException sigsuspend(final SignalSet mask) {
        enter("sigsuspend");
        while (true) {
            final Delivery d = new Delivery();
            final int sig = blockInCore(
                () -> thread.sigsuspend(mask, d, Long.MAX_VALUE, engine.waitStrategy().newIdle()));
            if (sig == 0) {
                continue;
            }
            if (d.isDefault()) {
                // the core has restored the original mask already; a stop then waits with it.
                act(sig, d);
                continue;
            }
            act(sig, d);
            returnToUser();
            throw eintr("sigsuspend");
        }
    }

    /** Runs one of the core's own waits as a blocking call of this thread (state, probes, end of process). */
    private int blockInCore(final java.util.function.IntSupplier wait) {
        user.setState(UserThread.State.BLOCKED);
        try {
            probe("wait");
            final int r = wait.getAsInt();
            probe("woken");
            if (process.isEnded()) {
                throw new ThreadTerminated(process.pid());
            }
            return r;
        } catch (final IllegalStateException exited) {
            if (thread.isAlive()) {
                throw exited; // a misuse such as sigsuspend inside an inhibit section, not the end of the thread
            }
            process.endIfModelEnded();
            throw new ThreadTerminated(process.pid());
        } finally {
            user.setState(UserThread.State.RUNNING);
        }
    }

    /**
     * {@code sigwait}.
     *
     * @param set signals to accept (normally blocked)
     * @return the accepted signal
     */
    public int sigwait(final SignalSet set) {
        return sigtimedwait(set, -1).signo();
    }

    /**
     * {@code sigtimedwait} ({@code sigwaitinfo} with a negative timeout) over {@link ModelThread#sigtimedwait}:
     * takes a pending signal of the set without running its handler. A signal outside the set that becomes
     * deliverable meanwhile is delivered normally; the call fails with EINTR if its handler ran, and goes on
     * waiting otherwise (ignored, stop and continue). Waits by parking (the core's wait).
     *
     * @param set          the set (SIGKILL and SIGSTOP are ignored in it)
     * @param timeoutNanos the longest wait, or negative for none
     * @return the signal's info
     * @throws SignalException EAGAIN on timeout, EINTR if a handler ran
     */
    public SigInfo sigtimedwait(final SignalSet set, final long timeoutNanos) {
        enter("sigtimedwait");
        final long deadline = timeoutNanos < 0 ? NO_DEADLINE : deadlineOf(timeoutNanos);
        final MutableSigInfo out = new MutableSigInfo();
        while (true) {
            int sig;
            try {
                // first without waiting: a pending signal of the set is taken without blocking.
                sig = thread.sigtimedwait(set, out, 0);
            } catch (final SignalException e) {
                sig = 0;
                if (e.errno() == Errno.EAGAIN) {
                    final long left = deadline == NO_DEADLINE ? Long.MAX_VALUE : deadline - System.nanoTime();
                    if (left <= 0) {
                        returnToUser();
                        throw e;
                    }
                    try {
                        sig = blockInCore(() -> thread.sigtimedwait(set, out, left, engine.waitStrategy().newIdle()));
                    } catch (final SignalException waited) {
                        if (waited.errno() != Errno.EINTR) {
                            returnToUser();
                            throw waited;
                        }
                    }
                }
            }
            if (sig != 0) {
                returnToUser();
                return out.toSigInfo();
            }
            // EINTR from the core: a signal outside the set is deliverable; deliver it. Inside an inhibit section
            // it cannot be delivered, so the call fails rather than spin.
            if ((returnToUser() & HANDLER_RAN) != 0 || thread.deliveryInhibited()) {
                throw eintr("sigtimedwait");
            }
        }
    }

    // ---------------------------------------------------------------- machine, frames, alternate stack

    /**
     * Gives this thread a modelled CPU: from now on every handler delivery pushes a real frame.
     *
     * @param next the machine, or null to deliver without frames
     */
    public void attachMachine(final Machine next) {
        enter("attachMachine");
        this.machine = next;
    }

    /** @return the machine, or null */
    public Machine machine() {
        return machine;
    }

    /**
     * {@code sigaltstack} over {@link ModelThread#sigaltstack} (the state lives in the model thread; a
     * {@link Machine} places frames on it).
     *
     * @param ss the new stack, or null to only query
     * @return the old stack, with {@link AltStack#SS_ONSTACK} while a handler runs on it
     * @throws SignalException EPERM when changing it while on it, EINVAL for unknown flags, ENOMEM below
     *                         {@link AltStack#MINSIGSTKSZ}
     */
    public AltStack sigaltstack(final AltStack ss) {
        enter("sigaltstack");
        final AltStack old = thread.sigaltstack(ss);
        returnToUser();
        return old;
    }
}
