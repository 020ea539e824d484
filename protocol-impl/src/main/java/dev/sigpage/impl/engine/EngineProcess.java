package dev.sigpage.impl.engine;

import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import dev.sigpage.impl.ThreadExitedException;
import dev.sigpage.impl.WaitInterruptedException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A model process under the engine: its run state (running, stopped, ended), its user threads, and the events
 * its parent observes.
 *
 * <p>Stop and continue act on the whole process: the thread that takes a stop signal stops it, and every other
 * thread stops at its next return to user; SIGCONT (at send time, even when blocked or ignored) resumes it.
 * SIGKILL ends it at send time. An ended process unparks all its threads; each unwinds with
 * {@link ThreadTerminated} at its next call.
 */
public final class EngineProcess {
    private enum RunState {
        RUNNING,
        STOPPED,
        ENDED
    }

    private final Engine engine;
    private final ModelProcess model;
    private final EngineProcess parent;
    private final Object lock = new Object();
    private final List<UserThread> threads = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<ProcessEvent> events = new LinkedBlockingQueue<>();
    private final WaitQueue eventWaiters = new WaitQueue();
    /** Written under the lock; volatile so that a return to user reads it without the lock. */
    private volatile RunState runState = RunState.RUNNING;

    private ProcessEvent end;

    EngineProcess(final Engine engine, final ModelProcess model, final EngineProcess parent) {
        this.engine = engine;
        this.model = model;
        this.parent = parent;
    }

    /** @return the pid */
    public int pid() {
        return model.pid();
    }

    /** @return the model process */
    public ModelProcess model() {
        return model;
    }

    /** @return the engine */
    public Engine engine() {
        return engine;
    }

    /** @return the parent, or null */
    public EngineProcess parent() {
        return parent;
    }

    /**
     * The user threads of the process: those started or attached that have not ended while the process runs. A
     * thread that ends (its code returns, it fails) while the process goes on is dropped, so a long-lived process
     * keeps only its live threads; a process that has ended keeps the threads it had when it ended.
     *
     * @return the threads, in the order they were started
     */
    public List<UserThread> threads() {
        return List.copyOf(threads);
    }

    /**
     * Runs the main thread's code on a new Java thread.
     *
     * @param program the code
     * @return the user thread
     */
    public UserThread start(final UserProgram program) {
        return startThread(model.mainThread(), program);
    }

    /**
     * Binds the main thread to the calling Java thread, for code that drives the model synchronously.
     *
     * @return the main thread's facade, for use on the calling Java thread only
     */
    public Sys attach() {
        final UserThread ut = register(model.mainThread());
        final Sys sys = new Sys(this, ut, Thread.currentThread());
        ut.bind(sys, Thread.currentThread());
        return sys;
    }

    UserThread startThread(final ModelThread thread, final UserProgram program) {
        Objects.requireNonNull(program, "program");
        final UserThread ut = register(thread);
        final Thread java = new Thread(() -> runUser(ut, program), "pid" + pid() + "-tid" + thread.tid());
        java.setDaemon(true);
        ut.bind(new Sys(this, ut, java), java);
        java.start();
        return ut;
    }

    private UserThread register(final ModelThread thread) {
        if (!thread.isAlive()) {
            // an ended thread is dropped from the list below; it must not run again either.
            throw new IllegalStateException("thread must not run twice: tid=" + thread.tid());
        }
        for (final UserThread existing : threads) {
            if (existing.model() == thread) {
                throw new IllegalStateException("thread must not run twice: tid=" + thread.tid());
            }
        }
        final UserThread ut = new UserThread(this, thread);
        threads.add(ut);
        return ut;
    }

    private void runUser(final UserThread ut, final UserProgram program) {
        try {
            ut.sys().enter("start");
            program.run(ut.sys());
            threadExit(ut);
        } catch (final ThreadTerminated ended) {
            // the process ended; nothing to unwind further.
        } catch (final ThreadExitedException e) {
            // a direct core call of the program on its model thread, which its process's end had ended.
            endIfModelEnded();
        } catch (final RuntimeException | Error e) {
            ut.fail(e);
            exitAfterFailure(ut);
        } finally {
            // volatile read of the run state: an ended process keeps its threads for its observers.
            if (!isEnded()) {
                threads.remove(ut);
            }
            // last: whoever sees the thread ended (join) no longer finds it among a running process's threads.
            ut.end();
        }
    }

    /** The thread's code returned: the thread exits, and the process with its last thread. */
    private void threadExit(final UserThread ut) {
        ut.sys().enter("threadExit");
        if (ut.model().isAlive()) {
            try {
                ut.model().exit();
            } catch (final ThreadExitedException raced) {
                // the process ended meanwhile.
            }
        }
        endIfModelEnded();
    }

    private void exitAfterFailure(final UserThread ut) {
        if (!isEnded()) {
            try {
                ut.model().exit();
            } catch (final ThreadExitedException raced) {
                // the process ended meanwhile.
            }
            endIfModelEnded();
        }
    }

    void endIfModelEnded() {
        if (!model.isAlive()) {
            end(new ProcessEvent(ProcessEvent.Kind.EXITED, pid(), model.exitStatus()));
        }
    }

    // ---------------------------------------------------------------- run state

    /** @return true once the process has ended */
    public boolean isEnded() {
        // volatile: written under the lock.
        return runState == RunState.ENDED;
    }

    /** @return true while the process is stopped */
    public boolean isStopped() {
        // volatile: written under the lock.
        return runState == RunState.STOPPED;
    }

    /**
     * How the process ended.
     *
     * @return the final event, or null while it runs
     */
    public ProcessEvent endEvent() {
        synchronized (lock) {
            return end;
        }
    }

    /**
     * Takes the next event the parent would observe, waiting at most the timeout; taking the final one reaps the
     * process, as the parent's {@code waitpid} does.
     *
     * @param timeout the longest wait
     * @param unit    its unit
     * @return the event, or null on timeout
     * @throws InterruptedException if interrupted
     */
    public ProcessEvent awaitEvent(final long timeout, final TimeUnit unit) throws InterruptedException {
        return taken(events.poll(timeout, unit));
    }

    /** The parent took an event: the final one reaps the model process, whose pid stood until then. */
    private ProcessEvent taken(final ProcessEvent e) {
        if (e != null && (e.kind() == ProcessEvent.Kind.EXITED || e.kind() == ProcessEvent.Kind.KILLED)) {
            engine.kernel().reap(model);
        }
        return e;
    }

    WaitQueue eventWaiters() {
        return eventWaiters;
    }

    boolean hasEvent() {
        return !events.isEmpty();
    }

    ProcessEvent pollEvent() {
        return taken(events.poll());
    }

    /**
     * Waits for the process to end.
     *
     * @param timeout the longest wait
     * @param unit    its unit
     * @return the final event, or null on timeout
     * @throws InterruptedException if interrupted
     */
    public ProcessEvent awaitEnd(final long timeout, final TimeUnit unit) throws InterruptedException {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (end == null) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return end;
        }
    }

    /**
     * Blocks the calling user thread while the process is stopped; throws once it has ended.
     *
     * @param ut the calling thread
     * @throws ThreadTerminated if the process has ended
     * @throws WaitInterruptedException on a Java interrupt while stopped
     */
    void awaitRunnable(final UserThread ut) {
        // volatile: the common case, a running process, takes no lock.
        if (runState == RunState.RUNNING) {
            return;
        }
        synchronized (lock) {
            if (runState == RunState.STOPPED) {
                ut.setState(UserThread.State.STOPPED);
                try {
                    while (runState == RunState.STOPPED) {
                        // woken by resume() or end(), both under this lock.
                        lock.wait();
                    }
                } catch (final InterruptedException e) {
                    // a Java interrupt, not SIGCONT: the process stays stopped, the thread leaves the wait.
                    Thread.currentThread().interrupt();
                    throw new WaitInterruptedException("stopped", ut.tid());
                } finally {
                    ut.setState(UserThread.State.RUNNING);
                }
            }
            if (runState == RunState.ENDED) {
                throw new ThreadTerminated(pid());
            }
        }
    }

    // The parent's SIGCHLD is sent before the event is published, so an observer that saw the event finds SIGCHLD
    // pending at its next return to user. The SIGCHLD send takes no engine lock (its hook ignores SIGCHLD), so
    // sending it under this process's lock cannot deadlock.

    void stop(final int sig) {
        synchronized (lock) {
            if (runState != RunState.RUNNING) {
                return;
            }
            runState = RunState.STOPPED;
            notifyParent(true);
            events.add(new ProcessEvent(ProcessEvent.Kind.STOPPED, pid(), sig));
        }
        eventWaiters.wakeAll();
        // threads blocked in interruptible calls notice the stop and stop on their way out.
        for (final UserThread t : threads) {
            t.unpark();
        }
    }

    void resume() {
        synchronized (lock) {
            if (runState != RunState.STOPPED) {
                return;
            }
            runState = RunState.RUNNING;
            notifyParent(true);
            events.add(new ProcessEvent(ProcessEvent.Kind.CONTINUED, pid(), Signals.SIGCONT));
            lock.notifyAll();
        }
        eventWaiters.wakeAll();
    }

    /**
     * Ends the process (once): records the event, exits the model process, wakes every thread.
     *
     * @param event the final event
     * @return true if this call ended it
     */
    boolean end(final ProcessEvent event) {
        synchronized (lock) {
            if (runState == RunState.ENDED) {
                return false;
            }
            runState = RunState.ENDED;
            lock.notifyAll();
        }
        if (model.isAlive()) {
            try {
                model.exit(event.kind() == ProcessEvent.Kind.EXITED ? event.value() : 128 + event.value());
            } catch (final ThreadExitedException raced) {
                // the last thread exited meanwhile.
            }
        }
        for (final UserThread t : threads) {
            t.unpark();
        }
        // the engine keeps no ended process: its pages go with the last reference (the parent's, a test's).
        engine.forget(this);
        notifyParent(false);
        synchronized (lock) {
            end = event;
            events.add(event);
            lock.notifyAll();
        }
        eventWaiters.wakeAll();
        return true;
    }

    private void notifyParent(final boolean stopOrContinue) {
        if (parent == null || parent.isEnded()) {
            return;
        }
        if (stopOrContinue && engine.kernel().rules().stopNotifiesParentAtSend()) {
            // the kernel told the parent at send time (Redox's procmgr).
            return;
        }
        if (stopOrContinue && (parent.model.sigaction(Signals.SIGCHLD).flags() & SaFlags.SA_NOCLDSTOP) != 0) {
            return;
        }
        try {
            engine.kernel().kill(null, parent.pid(), Signals.SIGCHLD);
        } catch (final SignalException gone) {
            // the parent ended meanwhile.
        }
    }

    @Override
    public String toString() {
        return "EngineProcess[pid=" + pid() + "]";
    }
}
