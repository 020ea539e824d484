package dev.sigpage.impl.engine;

import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.ModelProcess;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delivery engine over a {@link Kernel}: it runs model processes' threads as Java code, delivers their signals
 * at return-to-user points through a {@link HandlerTable}, and makes their blocking calls interruptible.
 *
 * <p>The engine installs itself as the kernel's {@link dev.sigpage.impl.SendHook}: SIGKILL ends the target at
 * send time, and SIGCONT resumes a stopped target at send time (both as Linux does, whatever the masks). Under a
 * profile whose kernel stops a process at send time ({@link ModelProcess#isStopped()}, Redox), a stop signal stops
 * the target's threads at send time too; otherwise the thread that takes a pending stop signal stops its process.
 * Where the profile's kernel diverts deliveries, every delivery goes through {@link dev.sigpage.impl.KernelDiversion}.
 *
 * <pre>{@code
 * Engine engine = new Engine();
 * EngineProcess p = engine.spawn(1000, 1000);
 * long h = engine.handlers().register((sig, info, ctx) -> System.out.println("got " + sig));
 * Sys sys = p.attach();                       // this Java thread is now the process's main thread
 * sys.sigaction(Signals.SIGUSR1, SigAction.handler(h, SignalSet.empty(), 0));
 * sys.raise(Signals.SIGUSR1);                 // delivered before raise returns
 * }</pre>
 */
public final class Engine {
    private final Kernel kernel;
    private final WaitStrategy waitStrategy;
    private final HandlerTable handlers = new HandlerTable();
    private final ConcurrentHashMap<Integer, EngineProcess> processes = new ConcurrentHashMap<>();
    private volatile Probe probe;

    /** An engine over a new kernel, parking blocked threads. */
    public Engine() {
        this(new Kernel(), WaitStrategy.park());
    }

    /**
     * An engine over a kernel.
     *
     * @param kernel       the kernel; the engine becomes its send hook
     * @param waitStrategy how blocked threads wait
     */
    public Engine(final Kernel kernel, final WaitStrategy waitStrategy) {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
        this.waitStrategy = Objects.requireNonNull(waitStrategy, "waitStrategy");
        kernel.sendHook(this::accepted);
    }

    /** @return the kernel */
    public Kernel kernel() {
        return kernel;
    }

    /** @return the handler table */
    public HandlerTable handlers() {
        return handlers;
    }

    /**
     * Installs a probe told of every engine point of every user thread (null removes it).
     *
     * @param next the probe
     */
    public void probe(final Probe next) {
        // volatile: read at every point.
        this.probe = next;
    }

    /** @return the installed probe, or null */
    public Probe probe() {
        return probe;
    }

    /** @return how blocked threads wait */
    public WaitStrategy waitStrategy() {
        return waitStrategy;
    }

    /**
     * A new process with no parent; start or attach its main thread.
     *
     * @param ruid real uid
     * @param suid saved uid
     * @return the process
     */
    public EngineProcess spawn(final int ruid, final int suid) {
        return adopt(kernel.spawn(ruid, suid), null);
    }

    EngineProcess adopt(final ModelProcess model, final EngineProcess parent) {
        final EngineProcess p = new EngineProcess(this, model, parent);
        processes.put(model.pid(), p);
        return p;
    }

    /**
     * The engine's view of a live process. The engine drops a process when it ends (its pages are freed with the
     * last reference to it), so an engine that runs for hours holds only the processes that run.
     *
     * @param pid the pid
     * @return the process, or null if it has ended or the engine did not create it
     */
    public EngineProcess process(final int pid) {
        return processes.get(pid);
    }

    void forget(final EngineProcess p) {
        processes.remove(p.pid(), p);
    }

    private void accepted(final ModelProcess target, final int tid, final int sig) {
        if (sig != Signals.SIGKILL && sig != Signals.SIGCONT && (Signals.STOP_BITS & Signals.bit(sig)) == 0) {
            // no other signal changes how the engine runs the process: the common send looks nothing up.
            return;
        }
        final EngineProcess p = processes.get(target.pid());
        if (p == null) {
            return;
        }
        if (sig == Signals.SIGKILL) {
            p.end(new ProcessEvent(ProcessEvent.Kind.KILLED, p.pid(), Signals.SIGKILL));
        } else if (sig == Signals.SIGCONT) {
            p.resume();
        } else if ((Signals.STOP_BITS & Signals.bit(sig)) != 0 && target.isStopped()) {
            // a profile that stops at send time (Redox) stopped the model process: the threads stop now.
            p.stop(sig);
        }
    }
}
