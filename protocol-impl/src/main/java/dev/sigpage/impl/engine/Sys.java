package dev.sigpage.impl.engine;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.impl.ModelThread;
import dev.sigpage.impl.WaitInterruptedException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The system-call facade of one model user thread, usable only from that Java thread. Every system call (every
 * method but the accessors {@link #process}, {@link #user}, {@link #thread}, {@link #pid}, {@link #tid},
 * {@link #handlerDepth} and {@link #machine}) is a return-to-user point: before it returns, normally or with an
 * error, every deliverable signal is delivered unless delivery is inhibited. A thread whose process ends inside a call unwinds with {@link ThreadTerminated}, never
 * with an error of the call. Blocking calls ({@link #sleep}, {@link #read}, {@link #write}, {@link #futexWait},
 * {@link #waitpid}, {@link #sigsuspend}, {@link #sigtimedwait}, {@link #call}) never lose a signal sent just
 * before they block, and follow one interruption rule: a partial result after some work; else, once a handler
 * ran, EINTR, or a transparent restart when every handler had {@code SA_RESTART}; a wake-up that ran no handler
 * (ignored, stop and continue) waits again. {@link #sleep}, {@link #sigsuspend} and {@link #sigtimedwait} never
 * restart after a handler. A Java interrupt of the thread is not a signal: any call that waits (a blocking call, or
 * a return to user while the process is stopped) ends at once with {@link WaitInterruptedException} naming the
 * call, delivering nothing, and leaves the thread's mask, sleeper registration and wait queues as before it waited.
 */
public final class Sys {
    private final Engine engine;
    private final EngineProcess process;
    private final UserThread user;
    private final ModelThread thread;
    private final Thread owner;
    private final ReturnToUser returnToUser;
    private final BlockingCalls blockingCalls;

    Sys(final EngineProcess process, final UserThread user, final Thread owner) {
        this.engine = process.engine();
        this.process = process;
        this.user = user;
        this.thread = user.model();
        this.owner = owner;
        this.returnToUser = new ReturnToUser(this, process, user);
        this.blockingCalls = new BlockingCalls(
                user, new BlockingWait(process, user, returnToUser), new InterruptibleCall(returnToUser));
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
        return returnToUser.handlerDepth();
    }

    /** System-call entry: the caller owns the thread, its process runs (the probe sees {@code entry:<call>}). */
    void enter(final String call) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("sys must be called by its own thread: tid=" + thread.tid());
        }
        user.at("entry:", call);
        process.awaitRunnable(user);
    }

    /** A call that does not block: entry, the work, the return to user. */
    private <T> T call(final String name, final Supplier<T> work) {
        return blocking(name, () -> {
            final T result = work.get();
            returnToUser.run();
            return result;
        });
    }

    /** A call without a result. */
    private void run(final String name, final Runnable work) {
        call(name, () -> {
            work.run();
            return null;
        });
    }

    /** A call whose body returns to user itself: entry, then the body; an end of the thread inside is the end. */
    private <T> T blocking(final String name, final Supplier<T> body) {
        enter(name);
        try {
            return body.get();
        } catch (final WaitInterruptedException e) {
            // a Java interrupt, not a signal: reported as this call's, whatever inner wait saw it.
            throw e.in(name);
        } catch (final RuntimeException e) {
            throw returnToUser.failed(e);
        }
    }

    /** A return-to-user point with no call: delivers what is deliverable. */
    public void checkpoint() {
        // the steps of run(), written out: the common return to user allocates nothing even when not inlined.
        enter("checkpoint");
        try {
            returnToUser.run();
        } catch (final RuntimeException e) {
            throw returnToUser.failed(e);
        }
    }

    /**
     * {@code sigprocmask}: a signal the change makes deliverable is delivered before this returns.
     *
     * @param how how to combine
     * @param set the set
     * @return the old mask
     */
    public SignalSet sigprocmask(final MaskHow how, final SignalSet set) {
        return call("sigprocmask", () -> thread.sigprocmask(how, set));
    }

    /** @return the current mask (read before the return to user) */
    public SignalSet mask() {
        return call("mask", thread::mask);
    }

    /**
     * {@code sigaction}.
     *
     * @param sig the signal
     * @param act the new action
     * @return the old action
     */
    public SigAction sigaction(final int sig, final SigAction act) {
        return call("sigaction", () -> process.model().sigaction(thread, sig, act));
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

    /** @return {@code sigpending}: pending and blocked (read before the return to user) */
    public SignalSet sigpending() {
        return call("sigpending", thread::sigpending);
    }

    /**
     * {@code kill}; signal 0 checks the target and sends nothing.
     *
     * @param pid target
     * @param sig signal
     */
    public void kill(final int pid, final int sig) {
        run("kill", () -> engine.kernel().kill(thread, pid, sig));
    }

    /**
     * {@code tgkill}; signal 0 checks the target and sends nothing.
     *
     * @param pid target process
     * @param tid target thread
     * @param sig signal
     */
    public void tgkill(final int pid, final int tid, final int sig) {
        // the steps of run(), written out: no lambda to capture the arguments on the self-delivery path.
        enter("tgkill");
        try {
            engine.kernel().tgkill(thread, pid, tid, sig);
            returnToUser.run();
        } catch (final RuntimeException e) {
            throw returnToUser.failed(e);
        }
    }

    /**
     * {@code sigqueue}; signal 0 checks the target and sends nothing.
     *
     * @param pid   target
     * @param sig   signal
     * @param value the value
     */
    public void sigqueue(final int pid, final int sig, final long value) {
        run("sigqueue", () -> engine.kernel().sigqueue(thread, pid, sig, value));
    }

    /**
     * {@code raise}: a thread-directed signal to this thread, delivered before this returns if unblocked.
     *
     * @param sig signal
     */
    public void raise(final int sig) {
        tgkill(process.pid(), thread.tid(), sig);
    }

    /** Starts a section in which delivery is deferred (nests); from here nothing is delivered. */
    public void inhibitDelivery() {
        run("inhibitDelivery", () -> thread.inhibitDelivery());
    }

    /** Ends a section; at the outermost end, what was deferred is delivered before this returns. */
    public void allowDelivery() {
        call("allowDelivery", thread::allowDelivery);
    }

    /**
     * {@code pthread_create}: a new thread of this process (this thread's mask, nothing pending) running code.
     *
     * @param program the code
     * @return the thread
     * @throws NullPointerException if {@code program} is null; no thread is created
     */
    public UserThread spawnThread(final UserProgram program) {
        Objects.requireNonNull(program, "program");
        return call("spawnThread", () -> process.startThread(process.model().createThread(thread), program));
    }

    /**
     * {@code fork}: a child process (actions and mask kept) whose main thread runs code; this process is its
     * parent and observes its events.
     *
     * @param program the child's code
     * @return the child
     * @throws NullPointerException if {@code program} is null; no child is created
     */
    public EngineProcess fork(final UserProgram program) {
        Objects.requireNonNull(program, "program");
        return call("fork", () -> {
            final EngineProcess child = engine.adopt(process.model().fork(thread), process);
            child.start(program);
            return child;
        });
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
        return blocking("waitpid", () -> blockingCalls.waitpid(child));
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

    /**
     * {@code sleep}: blocks for a time. A signal whose handler runs ends it early (never restarted, as nanosleep);
     * a signal without a handler (ignored, stop and continue) does not.
     *
     * @param nanos how long
     * @return 0 when the time passed, else the time left (at least 1)
     */
    public long sleep(final long nanos) {
        return blocking("sleep", () -> blockingCalls.sleep(nanos));
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
        return blocking("read", () -> blockingCalls.read(pipe, b, off, len));
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
        return blocking("write", () -> blockingCalls.write(pipe, b, off, len));
    }

    /**
     * {@code FUTEX_WAIT}: blocks while the word holds {@code expected}, until {@link Futex#wake}.
     *
     * @param futex    the futex
     * @param expected the expected value
     * @throws SignalException EAGAIN if the word differs, EINTR if a handler without SA_RESTART interrupted it
     */
    public void futexWait(final Futex futex, final int expected) {
        blocking("futexWait", () -> blockingCalls.futexWait(futex, expected));
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
        return blocking("call", () -> blockingCalls.call(channel, argument));
    }

    /**
     * {@code sigsuspend} over {@link ModelThread#sigsuspend}: replaces the mask, waits for a signal whose handler
     * runs (under the temporary mask) or that ends the process, restores the mask. Ignored signals and stop/continue
     * do not end it.
     *
     * @param mask the mask while waiting
     * @return never returns normally
     * @throws SignalException always EINTR, after the handler ran
     */
    public SignalException sigsuspend(final SignalSet mask) {
        return blocking("sigsuspend", () -> blockingCalls.sigsuspend(mask));
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
     * waiting otherwise (ignored, stop and continue). A zero timeout polls: EAGAIN if nothing of the set is pending.
     *
     * @param set          the set (SIGKILL and SIGSTOP are ignored in it)
     * @param timeoutNanos the longest wait, or negative for none
     * @return the signal's info
     * @throws SignalException EAGAIN on timeout, EINTR if a handler ran
     */
    public SigInfo sigtimedwait(final SignalSet set, final long timeoutNanos) {
        return blocking("sigtimedwait", () -> blockingCalls.sigtimedwait(set, timeoutNanos));
    }

    /**
     * Gives this thread a modelled CPU: from now on every handler delivery pushes a real frame.
     *
     * @param next the machine, or null to deliver without frames
     */
    public void attachMachine(final Machine next) {
        run("attachMachine", () -> returnToUser.machine(next));
    }

    /** @return the machine, or null */
    public Machine machine() {
        return returnToUser.machine();
    }

    /**
     * {@code sigaltstack} over {@link ModelThread#sigaltstack} (the state lives in the model thread; a
     * {@link Machine} places frames on it).
     *
     * @param ss the new stack, or null to only query
     * @return the old stack, with {@link AltStack#SS_ONSTACK} while a handler runs on it
     * @throws SignalException EPERM when changing it while on it, EINVAL for unknown flags or a stack ending at or
     *                         past 2^64, ENOMEM below {@link AltStack#MINSIGSTKSZ}
     */
    public AltStack sigaltstack(final AltStack ss) {
        return call("sigaltstack", () -> thread.sigaltstack(ss));
    }
}
