/**
 * The shared signal pages as off-heap Agrona buffers, their lock-free operations, a kernel model, and a delivery
 * engine.
 *
 * <h2>Where to start</h2>
 * <ul>
 * <li>{@link dev.sigpage.impl.Kernel} for the protocol: processes, threads, masks, sends and claims on the shared
 * pages;</li>
 * <li>{@link dev.sigpage.impl.engine.Engine} for delivery: Java handlers, interrupted and cancelled blocking calls,
 * scheme servers, real frames;</li>
 * <li>{@code dev.sigpage.frames.SignalFrames} (module {@code dev.sigpage.frames}) for the signal frames
 * themselves.</li>
 * </ul>
 *
 * <p>The protocol, as in the README's quick-start:
 * <pre>{@code
 * Kernel kernel = new Kernel();
 * ModelProcess shell = kernel.spawn(1000, 1000);
 * ModelProcess app = kernel.spawn(1000, 1000);
 * ModelThread main = app.mainThread();
 * main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGINT));              // one getAndAdd
 * kernel.tgkill(shell.mainThread(), app.pid(), main.tid(), Signals.SIGUSR1);  // one atomic OR
 * int claimed = main.claim(new MutableSigInfo());                             // SIGUSR1
 * }</pre>
 *
 * <p>Delivery, with a Java handler and a call to a scheme server:
 * <pre>{@code
 * Engine engine = new Engine();
 * Sys sys = engine.spawn(1000, 1000).attach();   // this Java thread becomes the process's main thread
 * sys.sigaction(Signals.SIGUSR1, (sig, info, ctx) -> System.out.println("got " + Signals.name(sig)),
 *     SignalSet.empty(), SaFlags.SA_SIGINFO);
 * sys.raise(Signals.SIGUSR1);                    // the handler runs before raise returns
 * try (SchemeServer doubler = new SchemeServer("doubler", CancelMode.REQUEST, 16,
 *         request -> request.complete(2 * request.argument()))) {
 *     long answer = sys.call(doubler.open(sys.user()), 21);   // 42
 * }
 * }</pre>
 *
 * <p>Both run as written in the project's examples (class path and module path). Every JVM that runs this module
 * needs {@code --add-exports java.base/jdk.internal.misc=org.agrona} on the module path
 * ({@code =ALL-UNNAMED} on the class path) for Agrona; without it the first call throws an
 * {@link java.lang.IllegalStateException} naming the flag. The memory-ordering vocabulary and the argument for
 * sequential consistency are in the {@link dev.sigpage.impl} package description.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.sigpage.impl {
    requires transitive dev.sigpage.api;
    requires transitive org.agrona;
    requires transitive dev.sigpage.frames;

    exports dev.sigpage.impl;
    exports dev.sigpage.impl.engine;
}
