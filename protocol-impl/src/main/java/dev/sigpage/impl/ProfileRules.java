package dev.sigpage.impl;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.SigAction;

/**
 * The rules in which a {@link Profile} differs, one method per rule, so that each is decided in one place. The
 * {@link Kernel}, {@link ModelProcess} and {@link ModelThread} ask their kernel's rules at these points and
 * nowhere else.
 */
public interface ProfileRules {
    /**
     * The profile these rules implement.
     *
     * @return the profile
     */
    Profile profile();

    // ---------------------------------------------------------------- the page's action words

    /**
     * Whether a fresh process page holds an action word for a signal number (POSIX: the valid signals; Redox: all
     * 64 slots, 32 and SIGKILL/SIGSTOP included).
     *
     * @param sig 1..64
     * @return true if {@link #freshFirst} is written for it
     */
    boolean hasFreshAction(int sig);

    /**
     * The {@code first} word of a signal's action in a fresh process page.
     *
     * @param sig 1..64
     * @return the word
     */
    long freshFirst(int sig);

    /**
     * The {@code first} word {@code sigaction} writes.
     *
     * @param sig 1..31 or 33..64
     * @param act the action (flags with Linux's values)
     * @return the word
     * @throws IllegalArgumentException if the profile cannot store the action
     */
    long encodeFirst(int sig, SigAction act);

    /**
     * The {@code user_data} word {@code sigaction} writes.
     *
     * @param sig 1..31 or 33..64
     * @param act the action
     * @return the word
     */
    long encodeUserData(int sig, SigAction act);

    /**
     * The action as {@code sigaction} reports it from the two words.
     *
     * @param sig      1..31 or 33..64
     * @param first    the {@code first} word
     * @param userData the {@code user_data} word
     * @return the action
     * @throws IllegalStateException if the words decode to no action
     */
    SigAction decode(int sig, long first, long userData);

    /**
     * The disposition of a {@code first} word at delivery, without allocating.
     *
     * @param first the {@code first} word
     * @return {@link SigAction#SIG_DFL}, {@link SigAction#SIG_IGN} or the handler address
     */
    long handlerOf(long first);

    /**
     * The {@code sa_flags} (Linux's values) that {@code sigaction} accepts; others fail with EINVAL.
     *
     * @return the accepted bits (Redox accepts any and stores what it can)
     */
    int acceptedSaFlags();

    // ---------------------------------------------------------------- the sender's side

    /**
     * Whether signal 0 is the null signal: a send of it checks that the target exists and may be signalled, and
     * sends nothing. Both profiles have it (POSIX {@code kill}, Redox's procmgr); the {@link Kernel} applies it in
     * one place for every sender.
     *
     * @return true if signal 0 checks and sends nothing
     */
    boolean nullSignalChecksOnly();

    /**
     * Whether a sender may signal a target.
     *
     * @param senderRuid the sender's real uid (the model's effective uid is its real uid)
     * @param targetRuid the target's real uid
     * @param targetSuid the target's saved uid
     * @return true if permitted
     */
    boolean maySignal(int senderRuid, int targetRuid, int targetSuid);

    /**
     * The permission rule as an error message states it.
     *
     * @return the rule's text
     */
    String permissionRule();

    /**
     * Whether SIGKILL acts at send time and is never set pending.
     *
     * @return true under Redox
     */
    boolean killActsAtSend();

    /**
     * Whether a signal stops the target at send time, whatever its mask, and is never set pending.
     *
     * @param sig   the signal
     * @param first its action's {@code first} word
     * @return true if it stops at send time
     */
    boolean stopsAtSend(int sig, long first);

    /**
     * Whether SIGTSTP, SIGTTIN or SIGTTOU that would stop a process of an orphaned process group is discarded at
     * send time (procmgr). Under POSIX the discard happens where delivery would stop the process (the engine).
     *
     * @return true under Redox
     */
    boolean orphanedGroupDiscardsStopAtSend();

    /**
     * Whether {@code kill(-1, sig)} also signals the sender's own process.
     *
     * @return true under Redox (procmgr signals every process); false under POSIX, as Linux does (POSIX leaves
     *     it open)
     */
    boolean broadcastIncludesSender();

    /**
     * Whether a stop or continue at send time generates SIGCHLD for the parent right away (procmgr: from pid 1, uid
     * 0, unless the parent ignores SIGCHLD or set SA_NOCLDSTOP). Under POSIX the engine generates it when the stop
     * or continue takes effect.
     *
     * @return true under Redox
     */
    boolean stopNotifiesParentAtSend();

    /**
     * Whether SIGCONT acts (resumes, discards stop signals) only when the target is stopped.
     *
     * @return true under Redox; under POSIX every SIGCONT discards pending stop signals
     */
    boolean continueOnlyWhenStopped();

    /**
     * Whether {@code kill} of a realtime signal fails with ESRCH unless it is already pending (succeeding with no
     * change).
     *
     * @return true under Redox
     */
    boolean killOfRealtimeNeedsPending();

    /**
     * Whether a thread-directed realtime signal is a plain bit that merges instead of queueing.
     *
     * @return true under Redox
     */
    boolean threadRealtimeMerges();

    /**
     * Whether {@code sigqueue} of a standard signal is a plain {@code kill} (no value, SI_USER).
     *
     * @return true under Redox
     */
    boolean sigqueueOfStandardIsKill();

    /**
     * Whether setting an ignoring action discards pending instances in every thread and queued realtime entries
     * (POSIX), or only in the calling thread's word and the process word (Redox).
     *
     * @return true for every thread and queue
     */
    boolean ignoreDiscardsEverywhere();

    /**
     * Whether a forked child keeps the parent's pending standard signals (Redox copies memory).
     *
     * @return true under Redox
     */
    boolean forkKeepsPending();

    /**
     * Whether exec rewrites every action that is not SIG_IGN to its start-up words (redox-rt's start-up in the new
     * image), or only the caught ones to SIG_DFL (POSIX, leaving SIG_DFL actions as they were).
     *
     * @return true under Redox
     */
    boolean execRestartsActions();

    /**
     * Whether exec keeps pending signals.
     *
     * @return true under POSIX
     */
    boolean execKeepsPending();

    /**
     * Whether {@code sigtimedwait} replaces the allow set by the wait set while it waits (so no other signal can
     * interrupt it: it never fails with EINTR) and fails with EAGAIN after one sleep with nothing claimable (redox-rt's
     * {@code await_signal_sync}); under POSIX the mask stays and an unblocked signal interrupts with EINTR.
     *
     * @return true under Redox
     */
    boolean sigtimedwaitReplacesMask();

    // ---------------------------------------------------------------- sigaltstack

    /**
     * The {@code ss_flags} bits accepted besides {@link AltStack#SS_DISABLE}.
     *
     * <p>Both profiles refuse a change while a handler runs on the stack (EPERM): redox-rt refuses when the new
     * value differs from the old, and its old value carries the on-stack state that a new value never has.
     *
     * @return {@link AltStack#SS_ONSTACK} under Redox (accepted and ignored), 0 under POSIX
     */
    int altStackExtraFlags();

    // ---------------------------------------------------------------- delivery

    /**
     * Whether the kernel diverts a thread with a deliverable signal at its return to user ({@link KernelDiversion}:
     * the inhibit flag set by the kernel with {@code saved_ip} and {@code saved_archdep_reg}, cleared by the
     * trampoline once the handler's mask is in place), or the delivery runs without touching the flag (POSIX).
     *
     * @return true under Redox
     */
    boolean kernelDivertsDelivery();
}
