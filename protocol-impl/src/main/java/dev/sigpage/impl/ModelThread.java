package dev.sigpage.impl;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.SignalThread;
import java.util.Optional;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;

/**
 * A thread of the kernel model.
 */
public final class ModelThread implements SignalThread {
    ModelThread() {
    }

    @Override
    public int tid() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public ModelProcess process() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean isAlive() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void exit() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SignalSet sigprocmask(final MaskHow how, final SignalSet set) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public long sigprocmask(final MaskHow how, final long setBits) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SignalSet mask() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SignalSet sigpending() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SignalSet pendingSet() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SignalSet deliverableSet() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public int claim(final MutableSigInfo out) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Optional<SigInfo> claimNext() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void inhibitDelivery() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean allowDelivery() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean deliveryInhibited() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public boolean deliveryDue() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public SignalSet awaitDeliverable(final long timeoutNanos) {
        return awaitDeliverable(null, timeoutNanos);
    }

    /**
     * Waits until a signal is deliverable or the timeout passes.
     *
     * @param idle         null to park (registering in the sleeper index), else the strategy polling the words
     * @param timeoutNanos the longest wait
     * @return the deliverable set, empty on timeout
     */
    public SignalSet awaitDeliverable(final IdleStrategy idle, final long timeoutNanos) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The flyweight over the thread control region.
     *
     * @return the thread control
     */
    public ThreadControl control() {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The 296-byte, 16-aligned thread control region.
     *
     * @return the buffer
     */
    public AtomicBuffer region() {
        throw new UnsupportedOperationException("not yet");
    }
}
