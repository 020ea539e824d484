package dev.sigpage.impl.demo;

import dev.sigpage.api.Errno;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.frames.Arch;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.impl.engine.CancelMode;
import dev.sigpage.impl.engine.Engine;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.FrameView;
import dev.sigpage.impl.engine.Machine;
import dev.sigpage.impl.engine.Pipe;
import dev.sigpage.impl.engine.SchemeHandler;
import dev.sigpage.impl.engine.SchemeRequest;
import dev.sigpage.impl.engine.SchemeServer;
import dev.sigpage.impl.engine.StepScheduler;
import dev.sigpage.impl.engine.Sys;
import dev.sigpage.impl.engine.UserStack;
import dev.sigpage.impl.engine.UserThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The delivery engine's demo: a race replayed step by step, a real frame pushed and popped, and a scheme call
 * cancelled by a signal. Run with {@code ./mvnw -B -q -pl protocol-impl -am package -Pengine-demo}.
 */
public final class EngineDemo {
    private static final long BOUND = 10;

    private EngineDemo() {}

    /**
     * Runs the three scenes.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted
     */
    public static void main(final String[] args) throws InterruptedException {
        replay();
        frame();
        cancellation();
    }

    private static void replay() {
        System.out.println("== a signal sent after the reader registered as a waiter, before it parked");
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final Pipe pipe = new Pipe(8);
        final AtomicReference<String> outcome = new AtomicReference<>();
        final StepScheduler s = new StepScheduler(engine, BOUND, TimeUnit.SECONDS);
        final UserThread reader = s.start(p, "reader", sys -> {
            sys.sigaction(Signals.SIGUSR1, (sig, info, ctx) -> {}, SignalSet.empty(), 0);
            try {
                outcome.set("read " + sys.read(pipe, new byte[4], 0, 4));
            } catch (final SignalException e) {
                outcome.set(e.errno().name());
            }
        });
        s.stepUntil("reader", "wait");
        s.act("tgkill SIGUSR1", () -> engine.kernel().tgkill(null, p.pid(), reader.tid(), Signals.SIGUSR1));
        s.finish();
        s.trace().forEach(line -> System.out.println("  " + line));
        System.out.println("  outcome: " + outcome.get());
    }

    private static void frame() {
        System.out.println("== an x86-64 frame on a modelled stack");
        final Engine engine = new Engine();
        final Sys sys = engine.spawn(1000, 1000).attach();
        final Machine m = new Machine(
                RegisterFile.zero(Arch.X86_64)
                        .with("rip", 0x40_2000L)
                        .with("rflags", 0x202L)
                        .with("rax", 7),
                UserStack.map(0x7fff_f000_0000L, 0x1_0000));
        sys.attachMachine(m);
        sys.sigaction(
                Signals.SIGUSR1,
                (sig, info, ctx) -> {
                    final FrameView f = ctx.frame().orElseThrow();
                    System.out.printf(
                            "  frame at 0x%x, entry rip=0x%x rsp=0x%x rdi=%d, saved rax=%d mask=0x%x%n",
                            f.address(),
                            m.registers().get("rip"),
                            m.registers().get("rsp"),
                            m.registers().get("rdi"),
                            f.saved("rax"),
                            f.savedMask());
                    f.setSaved("rax", 42);
                },
                SignalSet.empty(),
                0);
        sys.raise(Signals.SIGUSR1);
        System.out.printf(
                "  after sigreturn: rip=0x%x rsp=0x%x rax=%d%n",
                m.registers().get("rip"), m.stackPointer(), m.registers().get("rax"));
    }

    private static void cancellation() throws InterruptedException {
        System.out.println("== a scheme call cancelled by a signal (Redox style); the server returns early");
        final Engine engine = new Engine();
        final EngineProcess p = engine.spawn(1000, 1000);
        final LinkedBlockingQueue<SchemeRequest> cancelled = new LinkedBlockingQueue<>();
        final AtomicReference<String> outcome = new AtomicReference<>();
        try (SchemeServer server = new SchemeServer("scheme", CancelMode.REQUEST, 8, new SchemeHandler() {
            @Override
            public void request(final SchemeRequest r) {
                System.out.println("  server: request " + r.id() + " arg " + r.argument() + " (held)");
            }

            @Override
            public void cancel(final SchemeRequest r, final boolean forced) {
                System.out.println("  server: cancellation of request " + r.id() + ", answering 3 of " + r.argument());
                cancelled.add(r);
                r.complete(3);
            }
        })) {
            final UserThread caller = p.start(sys -> {
                sys.sigaction(
                        Signals.SIGUSR1,
                        (sig, info, ctx) -> System.out.println("  caller: handler runs"),
                        SignalSet.empty(),
                        SaFlags.SA_RESTART);
                try {
                    outcome.set("call returned " + sys.call(server.open(sys.user()), 10));
                } catch (final SignalException e) {
                    outcome.set(e.errno() == Errno.EINTR ? "EINTR" : e.toString());
                }
            });
            if (!caller.awaitBlocked(1, BOUND, TimeUnit.SECONDS)) {
                throw new IllegalStateException("caller must block: thread=" + caller);
            }
            engine.kernel().tgkill(null, p.pid(), caller.tid(), Signals.SIGUSR1);
            caller.join(BOUND, TimeUnit.SECONDS);
            System.out.println("  caller: " + outcome.get());
        }
    }
}
