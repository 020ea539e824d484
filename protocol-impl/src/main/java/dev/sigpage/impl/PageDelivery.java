package dev.sigpage.impl;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.Signals;

/**
 * The kernel's half of a delivery: claims the next deliverable signal of a thread and applies its action to the
 * pages. SIG_IGN: claimed and dropped, the search goes on. SIG_DFL: reported, for the caller to act on. A handler:
 * the mask becomes old | sa_mask | the signal (unless SA_NODEFER), SA_RESETHAND resets the action, SA_ONSTACK
 * switches to the alternate stack. The action's two words are read under the process's sigaction lock, so the
 * handler, flags and mask of one delivery belong to one action. The profile's rules read the handler from the
 * action word (Redox stores SIG_DFL as the address of its default handler). The {@link Delivery} records it all for
 * the matching sigreturn.
 */
final class PageDelivery {
    private PageDelivery() {}

    /** @return the signal, or 0 if nothing is deliverable */
    static int deliver(final ModelThread t, final Delivery delivery, final long savedMask) {
        final ProcessControl pc = t.process.control;
        while (true) {
            final int sig = SignalClaim.claim(t, delivery.info(), -1L, false);
            if (sig == 0) {
                delivery.set(SigAction.SIG_DFL, 0, savedMask, false, 0);
                return 0;
            }
            final long first;
            final long saMask;
            // the sigaction lock, as redox-rt takes it on delivery: first and user_data come from one action.
            synchronized (t.process.actions.lock()) {
                first = pc.actionFirstUnchecked(sig);
                saMask = pc.actionMaskUnchecked(sig);
            }
            final long handler = t.kernel.rules().handlerOf(first);
            final int flags = ProcessControl.decodeFlags(sig, first);
            if (handler == SigAction.SIG_IGN) {
                continue;
            }
            if (handler == SigAction.SIG_DFL) {
                delivery.set(SigAction.SIG_DFL, flags, savedMask, false, 0);
                return sig;
            }
            final long blockSelf = (flags & SaFlags.SA_NODEFER) != 0 ? 0L : Signals.bit(sig);
            t.sigprocmask(MaskHow.BLOCK, saMask | blockSelf);
            if ((flags & SaFlags.SA_RESETHAND) != 0) {
                t.process.actions.resetHandler(sig, first);
            }
            final long altTop = (flags & SaFlags.SA_ONSTACK) != 0 ? t.altStack.enter() : 0;
            delivery.set(handler, flags, savedMask, altTop != 0, altTop);
            return sig;
        }
    }
}
