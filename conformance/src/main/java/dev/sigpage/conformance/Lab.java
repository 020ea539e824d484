package dev.sigpage.conformance;

import dev.sigpage.impl.engine.Engine;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.ProcessEvent;
import dev.sigpage.impl.engine.Sys;
import dev.sigpage.impl.engine.UserProgram;
import dev.sigpage.impl.engine.UserThread;
import java.util.concurrent.TimeUnit;

/**
 * The world of one case: a fresh engine from the profile, processes and threads, and bounded hand-offs (a wait
 * that does not come true within {@link #BOUND_SECONDS} fails the case instead of hanging it).
 */
public final class Lab {
    /** The bound on every hand-off and join, in seconds. */
    public static final long BOUND_SECONDS = 5;
    /** The uid of every process a case spawns unless it says otherwise. */
    public static final int UID = 1000;

    private final Engine engine;
    private Sys self;

    /**
     * Creates the lab.
     *
     * @param engine a fresh engine
     */
    public Lab(final Engine engine) {
        this.engine = engine;
    }

    /** @return the engine */
    public Engine engine() {
        return engine;
    }

    /** @return a new process of uid {@link #UID} */
    public EngineProcess spawn() {
        return engine.spawn(UID, UID);
    }

    /**
     * A new process.
     *
     * @param ruid real uid
     * @param suid saved uid
     * @return the process
     */
    public EngineProcess spawn(final int ruid, final int suid) {
        return engine.spawn(ruid, suid);
    }

    /**
     * A model process (uid {@link #UID}) whose main thread is the case's own thread, for driving a scenario
     * synchronously or for sending from outside; created on first use.
     *
     * @return its facade, usable on the case's thread only
     */
    public Sys self() {
        if (self == null) {
            self = spawn().attach();
        }
        return self;
    }

    /**
     * Starts a program as the main thread of a new process.
     *
     * @param program the program
     * @return the thread
     */
    public UserThread start(final UserProgram program) {
        return spawn().start(program);
    }

    /**
     * Runs a program as the main thread of a new process and waits (bounded) for the process to end.
     *
     * @param program the program
     * @return how the process ended
     */
    public ProcessEvent run(final UserProgram program) throws InterruptedException {
        final EngineProcess p = spawn();
        final UserThread t = p.start(program);
        join(t);
        return end(p);
    }

    /**
     * Runs a program that must end normally (its process exits with status 0).
     *
     * @param program the program
     */
    public void runOk(final UserProgram program) throws InterruptedException {
        final ProcessEvent e = run(program);
        Check.eq(new ProcessEvent(ProcessEvent.Kind.EXITED, e.pid(), 0), e, "end of the process");
    }

    /**
     * Waits until a thread has blocked {@code count} times and is blocked now.
     *
     * @param t     the thread
     * @param count how many blocking waits
     */
    public void blocked(final UserThread t, final int count) {
        Waits.blocked(t, count);
    }

    /**
     * Waits until a thread is blocked for the first time.
     *
     * @param t the thread
     */
    public void blocked(final UserThread t) {
        Waits.blocked(t, 1);
    }

    /**
     * Waits (bounded) for a thread to end, and fails the case with the thread's own failure if it had one.
     *
     * @param t the thread
     */
    public void join(final UserThread t) {
        Waits.join(t);
    }

    /**
     * Waits (bounded) for a process to end.
     *
     * @param p the process
     * @return its end
     */
    public ProcessEvent end(final EngineProcess p) throws InterruptedException {
        final ProcessEvent e = p.awaitEnd(BOUND_SECONDS, TimeUnit.SECONDS);
        if (e == null) {
            throw new CaseFailure("process must end within " + BOUND_SECONDS + " s: pid=" + p.pid());
        }
        return e;
    }

    /**
     * Waits (bounded) for the next event of a process, as its parent would see it.
     *
     * @param p the process
     * @return the event
     */
    public ProcessEvent event(final EngineProcess p) throws InterruptedException {
        final ProcessEvent e = p.awaitEvent(BOUND_SECONDS, TimeUnit.SECONDS);
        if (e == null) {
            throw new CaseFailure("process must report an event within " + BOUND_SECONDS + " s: pid=" + p.pid());
        }
        return e;
    }

    /**
     * Sends a signal to a process from the kernel (no sender process).
     *
     * @param p   the target
     * @param sig the signal
     */
    public void kill(final EngineProcess p, final int sig) {
        engine.kernel().kill(null, p.pid(), sig);
    }

    /**
     * Sends a signal to one thread from the kernel.
     *
     * @param t   the target
     * @param sig the signal
     */
    public void tgkill(final UserThread t, final int sig) {
        engine.kernel().tgkill(null, t.process().pid(), t.tid(), sig);
    }
}
