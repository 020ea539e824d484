package dev.sigpage.impl;

import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.Signals;

/**
 * The rules of {@link Profile#POSIX}: POSIX semantics over the page layout, SIG_DFL and SIG_IGN stored as handler
 * 0 and 1 (see {@link ProcessControl#encodeFirst}).
 */
public final class PosixRules implements ProfileRules {
    /** The one instance: the rules have no state. */
    public static final PosixRules INSTANCE = new PosixRules();

    private PosixRules() {}

    @Override
    public Profile profile() {
        return Profile.POSIX;
    }

    @Override
    public boolean hasFreshAction(final int sig) {
        return Signals.isValid(sig);
    }

    @Override
    public long freshFirst(final int sig) {
        return ProcessControl.encodeFirst(sig, SigAction.DEFAULT);
    }

    @Override
    public long encodeFirst(final int sig, final SigAction act) {
        return ProcessControl.encodeFirst(sig, act);
    }

    @Override
    public long encodeUserData(final int sig, final SigAction act) {
        return ProcessControl.encodeMask(act.mask());
    }

    @Override
    public SigAction decode(final int sig, final long first, final long userData) {
        return ProcessControl.decode(sig, first, userData);
    }

    @Override
    public long handlerOf(final long first) {
        return first & ProcessControlDescriptor.HANDLER_MASK;
    }

    @Override
    public int acceptedSaFlags() {
        return SaFlags.SUPPORTED;
    }

    @Override
    public boolean nullSignalChecksOnly() {
        return true;
    }

    @Override
    public boolean maySignal(final int senderRuid, final int targetRuid, final int targetSuid) {
        return senderRuid == 0 || senderRuid == targetRuid || senderRuid == targetSuid;
    }

    @Override
    public String permissionRule() {
        return "sender uid must be 0 or the target's real or saved uid";
    }

    @Override
    public boolean killActsAtSend() {
        return false;
    }

    @Override
    public boolean stopsAtSend(final int sig, final long first) {
        return false;
    }

    @Override
    public boolean orphanedGroupDiscardsStopAtSend() {
        return false;
    }

    @Override
    public boolean broadcastIncludesSender() {
        return false;
    }

    @Override
    public boolean stopNotifiesParentAtSend() {
        return false;
    }

    @Override
    public boolean continueOnlyWhenStopped() {
        return false;
    }

    @Override
    public boolean killOfRealtimeNeedsPending() {
        return false;
    }

    @Override
    public boolean threadRealtimeMerges() {
        return false;
    }

    @Override
    public boolean sigqueueOfStandardIsKill() {
        return false;
    }

    @Override
    public boolean ignoreDiscardsEverywhere() {
        return true;
    }

    @Override
    public boolean forkKeepsPending() {
        return false;
    }

    @Override
    public boolean execRestartsActions() {
        return false;
    }

    @Override
    public boolean execKeepsPending() {
        return true;
    }

    @Override
    public boolean sigtimedwaitReplacesMask() {
        return false;
    }

    @Override
    public int altStackExtraFlags() {
        return 0;
    }

    @Override
    public boolean kernelDivertsDelivery() {
        return false;
    }
}
