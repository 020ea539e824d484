package dev.sigpage.impl;

import dev.sigpage.api.SignalKernel;
import dev.sigpage.api.SignalThread;

/**
 * The kernel model.
 */
public final class Kernel implements SignalKernel {
    private final KernelConfig config;

    /**
     * A kernel with {@link KernelConfig#defaults()}.
     */
    public Kernel() {
        this(KernelConfig.defaults());
    }

    /**
     * A kernel with the given sizes.
     *
     * @param config the sizes
     */
    public Kernel(final KernelConfig config) {
        this.config = config;
    }

    /**
     * The configuration.
     *
     * @return the sizes
     */
    public KernelConfig config() {
        return config;
    }

    @Override
    public ModelProcess spawn(final int ruid, final int suid) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public ModelProcess process(final int pid) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void kill(final SignalThread sender, final int pid, final int sig) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void tgkill(final SignalThread sender, final int pid, final int tid, final int sig) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void sigqueue(final SignalThread sender, final int pid, final int sig, final long value) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void sigqueueThread(final SignalThread sender, final int pid, final int tid, final int sig,
        final long value) {
        throw new UnsupportedOperationException("not yet");
    }
}
