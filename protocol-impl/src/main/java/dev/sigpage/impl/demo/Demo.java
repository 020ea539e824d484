package dev.sigpage.impl.demo;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import dev.sigpage.impl.PagePrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * A short tour: one process with three threads, masks, a handler, sends from several Java threads, the pages
 * printed, then every deliverable signal claimed.
 *
 * <p>Run: {@code ./mvnw -B -q -pl protocol-impl -am package exec:java@demo} (or {@code java --add-exports
 * java.base/jdk.internal.misc=ALL-UNNAMED -cp ... dev.sigpage.impl.demo.Demo}).
 */
public final class Demo {
    private Demo() {}

    /**
     * Runs the demo.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining the sender threads
     */
    public static void main(final String[] args) throws InterruptedException {
        final Kernel kernel = new Kernel();
        final ModelProcess shell = kernel.spawn(1000, 1000);
        final ModelProcess app = kernel.spawn(1000, 1000);
        final ModelThread main = app.mainThread();
        final ModelThread worker = app.createThread(main);
        final ModelThread io = app.createThread(main);

        app.sigaction(
                Signals.SIGUSR1,
                SigAction.handler(0x40_1000L, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_RESTART | SaFlags.SA_SIGINFO));
        app.sigaction(Signals.SIGPIPE, SigAction.IGNORE);
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGINT, Signals.SIGTERM, Signals.SIGRTMIN));
        worker.sigprocmask(MaskHow.SETMASK, SignalSet.of(Signals.SIGUSR1, Signals.SIGQUIT));
        io.sigprocmask(MaskHow.BLOCK, SignalSet.full());

        final ModelThread sender = shell.mainThread();
        final List<Thread> senders = new ArrayList<>();
        senders.add(new Thread(
                () -> {
                    kernel.kill(sender, app.pid(), Signals.SIGINT);
                    kernel.kill(sender, app.pid(), Signals.SIGPIPE);
                    kernel.kill(sender, app.pid(), Signals.SIGQUIT);
                },
                "sender-kill"));
        senders.add(new Thread(
                () -> {
                    kernel.tgkill(sender, app.pid(), worker.tid(), Signals.SIGUSR1);
                    kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGUSR2);
                },
                "sender-tgkill"));
        senders.add(new Thread(
                () -> {
                    for (int i = 0; i < 3; i++) {
                        kernel.sigqueue(sender, app.pid(), Signals.SIGRTMIN, 100 + i);
                    }
                    kernel.sigqueueThread(sender, app.pid(), io.tid(), Signals.SIGRTMIN + 2, 7);
                },
                "sender-sigqueue"));
        for (final Thread t : senders) {
            t.start();
        }
        for (final Thread t : senders) {
            t.join();
        }

        System.out.println("== after the sends ==");
        System.out.println(PagePrinter.process(app));
        for (final ModelThread t : app.threads()) {
            System.out.println(PagePrinter.thread(t));
        }

        System.out.println("== a delivery with a handler ==");
        final Delivery delivery = new Delivery();
        worker.sigprocmask(MaskHow.UNBLOCK, SignalSet.of(Signals.SIGUSR1));
        System.out.printf(
                "thread %d delivers %s to handler 0x%x; mask in the handler %s%n",
                worker.tid(), Signals.name(worker.deliver(delivery)), delivery.handler(), worker.mask());
        worker.sigreturn(delivery);
        System.out.println("after sigreturn the mask is " + worker.mask());
        System.out.println();

        System.out.println("== claims ==");
        final MutableSigInfo info = new MutableSigInfo();
        for (final ModelThread t : app.threads()) {
            while (t.claim(info) != 0) {
                System.out.printf(
                        "thread %d claims %-12s code=%-9s from pid %d uid %d value %d%n",
                        t.tid(),
                        Signals.name(info.signo()),
                        SigInfo.codeName(info.code()),
                        info.senderPid(),
                        info.senderUid(),
                        info.value());
            }
        }
        System.out.println(
                "main unblocks everything; old mask " + main.sigprocmask(MaskHow.SETMASK, SignalSet.empty()));
        while (main.claim(info) != 0) {
            System.out.printf(
                    "thread %d claims %-12s code=%-9s value %d%n",
                    main.tid(), Signals.name(info.signo()), SigInfo.codeName(info.code()), info.value());
        }
        System.out.println();
        System.out.println("== at the end ==");
        System.out.println(PagePrinter.process(app));
        for (final ModelThread t : app.threads()) {
            System.out.println(PagePrinter.thread(t));
        }
    }
}
