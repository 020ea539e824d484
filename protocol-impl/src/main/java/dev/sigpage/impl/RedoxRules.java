package dev.sigpage.impl;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.Signals;
import java.util.Objects;

/**
 * The rules of {@link Profile#REDOX}: the pages as redox-rt writes them ({@link RedoxActionCodec}) and the sender
 * rules of Redox's userspace process manager ({@code procmgr}, {@code bootstrap/src/procmgr.rs} in Redox's
 * {@code base} repository: {@code on_send_sig}). Where Redox's code is plainly defective the rules model the
 * intended behaviour: a thread-directed realtime signal carries no sender info (procmgr writes it into the slot of
 * signal - 32); a forked child does not inherit a realtime bit without its queue.
 */
public final class RedoxRules implements ProfileRules {
    private static final long SIG_SPECIFIC = 1L << ProcessControlDescriptor.SIG_SPECIFIC_BIT;
    private final RedoxActionCodec codec;

    /**
     * Rules over a codec.
     *
     * @param codec the action codec (it holds the default-handler address)
     */
    public RedoxRules(final RedoxActionCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * The action codec.
     *
     * @return the codec
     */
    public RedoxActionCodec codec() {
        return codec;
    }

    @Override
    public Profile profile() {
        return Profile.REDOX;
    }

    @Override
    public boolean hasFreshAction(final int sig) {
        return sig >= 1 && sig <= Signals.NSIG;
    }

    @Override
    public long freshFirst(final int sig) {
        return codec.freshFirst(sig);
    }

    @Override
    public long encodeFirst(final int sig, final SigAction act) {
        return codec.encodeFirst(sig, act);
    }

    @Override
    public long encodeUserData(final int sig, final SigAction act) {
        return codec.encodeUserData(sig, act);
    }

    @Override
    public SigAction decode(final int sig, final long first, final long userData) {
        return codec.decode(first, userData);
    }

    @Override
    public long handlerOf(final long first) {
        return codec.handlerOf(first);
    }

    @Override
    public int acceptedSaFlags() {
        return -1;
    }

    @Override
    public boolean nullSignalChecksOnly() {
        return true;
    }

    /** procmgr: {@code euid == 0 || euid == target.ruid || ruid == target.ruid}; the saved uid plays no part. */
    @Override
    public boolean maySignal(final int senderRuid, final int targetRuid, final int targetSuid) {
        return senderRuid == 0 || senderRuid == targetRuid;
    }

    @Override
    public String permissionRule() {
        return "sender uid must be 0 or the target's real uid";
    }

    @Override
    public boolean killActsAtSend() {
        return true;
    }

    /**
     * SIGSTOP, and SIGTSTP/SIGTTIN/SIGTTOU whose action has bit 62 (procmgr's {@code signal_will_stop}) and is
     * SIG_DFL. procmgr reads bit 62 alone, so a handler installed with SA_NOCLDSTOP (stored as bit 62 by relibc)
     * stops the process instead of running: a defect; the model keeps the intended rule.
     */
    @Override
    public boolean stopsAtSend(final int sig, final long first) {
        switch (sig) {
            case Signals.SIGSTOP:
                return true;
            case Signals.SIGTSTP:
            case Signals.SIGTTIN:
            case Signals.SIGTTOU:
                return (first & SIG_SPECIFIC) != 0 && codec.handlerOf(first) == SigAction.SIG_DFL;
            default:
                return false;
        }
    }

    @Override
    public boolean orphanedGroupDiscardsStopAtSend() {
        return true;
    }

    @Override
    public boolean broadcastIncludesSender() {
        return true;
    }

    @Override
    public boolean stopNotifiesParentAtSend() {
        return true;
    }

    @Override
    public boolean continueOnlyWhenStopped() {
        return true;
    }

    @Override
    public boolean killOfRealtimeNeedsPending() {
        return true;
    }

    @Override
    public boolean threadRealtimeMerges() {
        return true;
    }

    @Override
    public boolean sigqueueOfStandardIsKill() {
        return true;
    }

    @Override
    public boolean ignoreDiscardsEverywhere() {
        return false;
    }

    @Override
    public boolean forkKeepsPending() {
        return true;
    }

    @Override
    public boolean execRestartsActions() {
        return true;
    }

    @Override
    public boolean execKeepsPending() {
        return false;
    }

    @Override
    public boolean sigtimedwaitReplacesMask() {
        return true;
    }

    @Override
    public int altStackExtraFlags() {
        return AltStack.SS_ONSTACK;
    }

    @Override
    public boolean kernelDivertsDelivery() {
        return true;
    }
}
