package dev.sigpage.impl;

import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalProcess;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.SignalThread;
import java.util.List;
import org.agrona.concurrent.AtomicBuffer;

/**
 * A process of the kernel model.
 */
public final class ModelProcess implements SignalProcess {
    ModelProcess() {
    }

    @Override
    public int pid() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public int ruid() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public int suid() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public ModelThread mainThread() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public List<ModelThread> threads() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public ModelThread createThread(final SignalThread creator) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SigAction sigaction(final int sig, final SigAction act) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SigAction sigaction(final int sig) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public ModelProcess fork(final SignalThread forking) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void exec(final SignalThread execing) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void exit(final int status) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean isAlive() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SignalSet pendingSet() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The flyweight over the process page.
     *
     * @return the process control
     */
    public ProcessControl control() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The 4096-byte, page-aligned process page.
     *
     * @return the buffer
     */
    public AtomicBuffer page() {
        throw new UnsupportedOperationException("not yet");
    }
}
