package dev.sigpage.bench;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.ModelThread;

/** The model's mask change in a plain loop, for {@link SyscallProbe}: it must not enter the kernel. */
final class ModelMaskLoop {

    private ModelMaskLoop() {}

    /**
     * Toggles SIGUSR1 on a model thread.
     *
     * @param count mask changes to make
     * @return a value derived from every old mask, so the loop cannot be removed
     */
    static long run(final int count) {
        final ModelThread thread = new Kernel().spawn(1000, 1000).mainThread();
        final long bit = Signals.bit(LinuxSignals.SIGUSR1);
        long sink = 0;
        for (int i = 0; i < count; i++) {
            sink += thread.sigprocmask((i & 1) == 0 ? MaskHow.BLOCK : MaskHow.UNBLOCK, bit);
        }
        return sink;
    }
}
