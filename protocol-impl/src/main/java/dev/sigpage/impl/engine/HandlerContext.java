package dev.sigpage.impl.engine;

import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import java.util.Optional;

/**
 * What a running handler can reach: its thread's facade (every call through it is a return-to-user point, so
 * signals unblocked by the handler are delivered there, nested), the delivery's facts, and with a
 * {@link Machine} the saved context on the modelled stack.
 *
 * <p>A context is valid while its handler runs: the engine reuses it for the next handler at the same nesting
 * depth.
 */
public final class HandlerContext {
    private final Sys sys;
    private final int depth;
    private int signo;
    private SigInfo info;
    private long handlerMask;
    private FrameView frame;
    private Optional<FrameView> optionalFrame = Optional.empty();

    HandlerContext(final Sys sys, final int depth) {
        this.sys = sys;
        this.depth = depth;
    }

    /** Fills the context for one handler run; allocates only when the frame view differs from the last one. */
    HandlerContext set(final int sig, final SigInfo siginfo, final long mask, final FrameView view) {
        this.signo = sig;
        this.info = siginfo;
        this.handlerMask = mask;
        if (view != frame) {
            this.frame = view;
            this.optionalFrame = Optional.ofNullable(view);
        }
        return this;
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
        return SignalSet.ofBits(handlerMask);
    }

    /** @return 1 for a handler that interrupted user code, 2 for one nested in it, and so on */
    public int depth() {
        return depth;
    }

    /** @return the saved context, when the thread has a {@link Machine} */
    public Optional<FrameView> frame() {
        return optionalFrame;
    }
}
