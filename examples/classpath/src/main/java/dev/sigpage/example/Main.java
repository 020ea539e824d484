package dev.sigpage.example;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import dev.sigpage.impl.PagePrinter;
import dev.sigpage.impl.engine.CancelMode;
import dev.sigpage.impl.engine.Engine;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.SchemeServer;
import dev.sigpage.impl.engine.Sys;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's program on the class path: the README's quick-start (the protocol) and a delivery-engine example (a Java
 * handler and a call to a scheme server). Exits with status 1 when anything differs from what the README promises.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs both examples.
     *
     * @param args the JDK feature version this program must run on
     */
    public static void main(final String[] args) {
        final int expectedJava = Integer.parseInt(args[0]);
        check(Runtime.version().feature() == expectedJava,
            "must run on JDK " + expectedJava + ": version=" + Runtime.version());
        check(!Kernel.class.getModule().isNamed(),
            "sigpage must be on the class path: module=" + Kernel.class.getModule());
        quickStart();
        engine();
        System.out.println("sigpage example passed on the class path, JDK " + Runtime.version());
    }

    private static void quickStart() {
        Kernel kernel = new Kernel();
        ModelProcess shell = kernel.spawn(1000, 1000);            // real uid, saved uid
        ModelProcess app = kernel.spawn(1000, 1000);
        ModelThread main = app.mainThread();
        ModelThread worker = app.createThread(main);              // inherits main's mask, nothing pending

        app.sigaction(Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.of(Signals.SIGUSR2),
            SaFlags.SA_RESTART | SaFlags.SA_SIGINFO));
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGINT));

        ModelThread sender = shell.mainThread();
        kernel.kill(sender, app.pid(), Signals.SIGINT);                       // to the process
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGUSR1);        // to one thread
        kernel.sigqueue(sender, app.pid(), Signals.SIGRTMIN, 42);             // queued, with a value

        MutableSigInfo info = new MutableSigInfo();
        check(main.claim(info) == Signals.SIGUSR1, "main claims SIGUSR1 first");
        check(worker.claim(info) == Signals.SIGINT, "the worker claims SIGINT, which it does not block");
        check(worker.claim(info) == Signals.SIGRTMIN, "then the queued SIGRTMIN");
        System.out.println(PagePrinter.thread(main));
    }

    private static void engine() {
        Engine engine = new Engine();
        EngineProcess process = engine.spawn(1000, 1000);
        Sys sys = process.attach();                               // this Java thread is the process's main thread
        List<String> handled = new ArrayList<>();
        sys.sigaction(Signals.SIGUSR1, (sig, info, ctx) -> handled.add(Signals.name(sig)), SignalSet.empty(),
            SaFlags.SA_SIGINFO);
        sys.raise(Signals.SIGUSR1);                               // the handler runs before raise returns
        check(handled.equals(List.of("SIGUSR1")), "the handler must have run once: handled=" + handled);

        // a scheme server on its own thread: the request goes through its queue, the answer comes back
        try (SchemeServer doubler = new SchemeServer("doubler", CancelMode.REQUEST, 16,
            request -> request.complete(2 * request.argument()))) {
            long answer = sys.call(doubler.open(sys.user()), 21);
            check(answer == 42, "the scheme server must answer 42: answer=" + answer);
        }
    }

    private static void check(final boolean condition, final String message) {
        if (!condition) {
            System.err.println("sigpage example FAILED: " + message);
            System.exit(1);
        }
    }
}
