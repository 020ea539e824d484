package dev.sigpage.jcstress;

import dev.sigpage.api.MaskHow;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.KernelConfig;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;

/**
 * One sample's world for the correct tests: a fresh kernel, one process (pid 1, uid 1000) whose main thread is the
 * target, and a second thread of the same process that sends and blocks every signal, so it never takes a
 * process-directed signal itself. jcstress builds one state, hence one fixture, per sample; the kernel is sized
 * small (a few thread slots, a short realtime queue) to keep that cheap.
 */
final class Fixture {

    /** Every signal a thread can block (SIGKILL and SIGSTOP stay allowed whatever the mask says). */
    static final long ALL_SIGNALS = -1L;

    private static final KernelConfig SMALL = KernelConfig.defaults()
            .withMaxThreadsPerProcess(4)
            .withRealtimeQueueDepth(8);

    final Kernel kernel = new Kernel(SMALL);
    final ModelProcess process = kernel.spawn(1000, 1000);
    final ModelThread target = process.mainThread();
    final ModelThread sender = process.createThread(target);

    Fixture() {
        sender.sigprocmask(MaskHow.SETMASK, ALL_SIGNALS);
    }

    int pid() {
        return process.pid();
    }
}
