package dev.sigpage.jcstress;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.KernelConfig;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;

/**
 * One sample's world for the correct tests: a kernel, one process (pid 1, uid 1000) whose main thread is the
 * target, a second thread of the same process that sends and blocks every signal (so it never takes a
 * process-directed signal itself), and {@code more} further threads created by the target (nothing blocked).
 *
 * <p>A fresh world costs about 25 us here (the process page is a 4096-aligned direct buffer), which would cap a
 * test at a few tens of thousands of samples a second. {@link FixturePool} therefore reuses worlds, but only
 * through {@link #restore()}, which brings a world back with the library's own public operations (drain every
 * deliverable signal, default actions, the base masks) and then compares every shared word with the snapshot taken
 * when the world was new. A world that does not match exactly is dropped, never reused.
 */
final class Fixture {

    /** Every signal a thread can block (SIGKILL and SIGSTOP stay allowed whatever the mask says). */
    static final long ALL_SIGNALS = -1L;

    private static final KernelConfig SMALL =
            KernelConfig.defaults().withMaxThreadsPerProcess(4).withRealtimeQueueDepth(4);

    final Kernel kernel = new Kernel(SMALL);
    final ModelProcess process = kernel.spawn(1000, 1000);
    final ModelThread target = process.mainThread();
    final ModelThread sender = process.createThread(target);
    final ModelThread[] more;
    private final ModelThread[] all;
    private final long[] pristine;
    private final MutableSigInfo drained = new MutableSigInfo();

    Fixture(int moreThreads) {
        sender.sigprocmask(MaskHow.SETMASK, ALL_SIGNALS);
        more = new ModelThread[moreThreads];
        all = new ModelThread[2 + moreThreads];
        all[0] = target;
        all[1] = sender;
        for (int i = 0; i < moreThreads; i++) {
            more[i] = process.createThread(target);
            all[2 + i] = more[i];
        }
        pristine = snapshot();
    }

    int pid() {
        return process.pid();
    }

    /**
     * Brings the world back to its state when new, through the public API, and checks it word by word.
     *
     * @return true if every shared word, action, inhibit depth and realtime queue matches the new world's
     */
    boolean restore() {
        for (ModelThread t : all) {
            while (t.inhibitDepth() > 0) {
                t.allowDelivery();
            }
            t.sigprocmask(MaskHow.SETMASK, 0L);
        }
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            if (Signals.isValid(sig) && process.control().actionFirst(sig) != pristine[sig]) {
                process.sigaction(sig, SigAction.DEFAULT);
            }
        }
        for (ModelThread t : all) {
            int bound = 1000;
            while (t.claim(drained) != 0 && --bound > 0) {
                // drain: thread-directed, process-directed and queued realtime instances alike
            }
        }
        sender.sigprocmask(MaskHow.SETMASK, ALL_SIGNALS);
        long[] now = snapshot();
        for (int i = 0; i < now.length; i++) {
            if (now[i] != pristine[i]) {
                return false;
            }
        }
        return true;
    }

    private long[] snapshot() {
        int perThread = 4 + 32;
        long[] s = new long[1 + Signals.NSIG + 32 + all.length * perThread];
        int i = 0;
        s[i++] = process.control().pendingWord();
        // s[sig] is the action word of sig: restore() relies on this position.
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            s[i++] = Signals.isValid(sig) ? process.control().actionFirst(sig) : 0;
        }
        for (int sig = Signals.SIGRTMIN; sig <= Signals.SIGRTMAX; sig++) {
            s[i++] = process.realtimeQueue().count(sig);
        }
        for (ModelThread t : all) {
            s[i++] = t.control().word(0);
            s[i++] = t.control().word(1);
            s[i++] = t.control().controlFlags();
            s[i++] = t.inhibitDepth();
            for (int sig = Signals.SIGRTMIN; sig <= Signals.SIGRTMAX; sig++) {
                s[i++] = t.realtimeQueue().count(sig);
            }
        }
        return s;
    }
}
