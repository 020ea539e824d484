package dev.sigpage.impl.engine;

import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import java.util.Optional;

/**
 * What a running handler can reach: its thread's facade (every call through it is a return-to-user point, so
 * signals unblocked by the handler are delivered there, nested), the delivery's facts, and with a
 * {@link Machine} the saved context on the modelled stack.
 */
public final class HandlerContext {
    private final Sys sys;
    private final int signo;
    private final SigInfo info;
    private final SignalSet handlerMask;
    private final FrameView frame;
    private final int depth;

    HandlerContext(
            final Sys sys,
            final int signo,
            final SigInfo info,
            final SignalSet handlerMask,
            final FrameView frame,
            final int depth) {
        this.sys = sys;
        this.signo = signo;
        this.info = info;
        this.handlerMask = handlerMask;
        this.frame = frame;
        this.depth = depth;
    }

    /** @return the thread's facade */
    public Sys sys() {
        return sys;
    }

    /** @return the delivered signal */
    public int signo() {
        return signo;
    }

    /** @return the siginfo as passed to the handler */
    public SigInfo info() {
        return info;
    }

    /** @return the mask the engine installed for the handler (old | sa_mask | the signal unless SA_NODEFER) */
    public SignalSet handlerMask() {
        return handlerMask;
    }

    /** @return 1 for a handler that interrupted user code, 2 for one nested in it, and so on */
    public int depth() {
        return depth;
    }

    /** @return the saved context, when the thread has a {@link Machine} */
    public Optional<FrameView> frame() {
        return Optional.ofNullable(frame);
    }
}
