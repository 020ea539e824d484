package dev.sigpage.conformance;

import java.util.Map;

/**
 * Where Redox, as the library's {@code REDOX} kernel profile models it, departs from the catalogue's assertions: each
 * entry names the case, the failure it produces, what Redox does and the Redox rule that explains it (a row of
 * DESIGN.md's "Profiles" table, with the Redox source that has the rule: relibc's {@code redox-rt} or the process
 * manager {@code procmgr} of the {@code base} repository). A case listed here that passes, or fails otherwise, is a
 * change: the runner reports it as a failure.
 */
public final class RedoxDeviations {
    private static final String STALL = "within " + Lab.BOUND_SECONDS + " s";

    private static final String SIGTIMEDWAIT_RULE = "sigtimedwait replaces the allow set with the wait set (redox-rt"
            + " signal.rs; DESIGN.md Profiles, row 'sigtimedwait')";
    private static final String SIGQUEUE_RULE = "sigqueue of a standard signal is a plain kill without a value: procmgr"
            + " queues realtime signals only (DESIGN.md Profiles, row 'sigqueue of a standard signal')";
    private static final String PERMISSION_RULE = "procmgr's on_send_sig allows a send when the sender's euid is 0"
            + " or its euid or ruid equals the target's ruid; the saved uid is not compared (DESIGN.md Profiles, row"
            + " 'permission')";
    private static final String STOP_RULE = "procmgr's on_send_sig acts on TSTP/TTIN/TTOU with the default action at"
            + " send time, whatever the mask: they stop the process, or are discarded when its process group is orphaned"
            + " (a case's process has no parent), and are never pending (DESIGN.md Profiles, row 'SIGKILL, SIGSTOP,"
            + " default TSTP/TTIN/TTOU')";

    private static final Map<String, Deviation> BY_CASE = Map.ofEntries(
            Map.entry(
                    "opts.sigaction.19",
                    new Deviation(
                            "got [10 10 0 1 0 true]",
                            "SIGUSR1 sent by sigqueue reaches the SA_SIGINFO handler with si_code SI_USER (0) and no value",
                            SIGQUEUE_RULE)),
            Map.entry(
                    "opts.kill.3",
                    new Deviation(
                            "uid 1000 to ruid 2000 suid 1000: expected success, got EPERM",
                            "kill from uid 1000 to a process whose saved uid is 1000 and real uid 2000 fails with EPERM",
                            PERMISSION_RULE)),
            Map.entry(
                    "opts.sigqueue.3",
                    new Deviation(
                            "to ruid 2000 suid 1000: expected success, got EPERM",
                            "sigqueue from uid 1000 to a process whose saved uid is 1000 and real uid 2000 fails with EPERM",
                            PERMISSION_RULE)),
            Map.entry(
                    "opts.pthread_kill.1",
                    new Deviation(
                            STALL,
                            "SIGUSR1 sent to a thread waiting in sigwait for SIGUSR2 stays blocked: its handler does not run and the"
                                    + " wait goes on",
                            SIGTIMEDWAIT_RULE)),
            Map.entry(
                    "opts.sigwait.8",
                    new Deviation(
                            STALL,
                            "a blocked SIGTSTP raised before sigwait is discarded at send time (the process's group is orphaned)"
                                    + " instead of staying pending, so the sigwait for it never returns",
                            STOP_RULE)),
            Map.entry(
                    "opts.sigwaitinfo.3",
                    new Deviation(
                            STALL,
                            "a caught SIGUSR2 outside the set stays blocked during sigwaitinfo: no handler, no EINTR, the wait goes"
                                    + " on",
                            SIGTIMEDWAIT_RULE)),
            Map.entry(
                    "opts.sigwaitinfo.5",
                    new Deviation(
                            STALL,
                            "a blocked SIGTSTP raised before sigwaitinfo is discarded at send time (the process's group is"
                                    + " orphaned) instead of staying pending, so the sigwaitinfo for it never returns",
                            STOP_RULE)),
            Map.entry(
                    "opts.sigwaitinfo.6",
                    new Deviation(
                            "si_code after sigqueue: expected -1, got 0",
                            "SIGUSR1 sent by sigqueue is taken by sigwaitinfo with si_code SI_USER (0)",
                            SIGQUEUE_RULE)),
            Map.entry(
                    "opts.sigaltstack.11",
                    new Deviation(
                            "ss_flags=1: expected EINVAL, the call succeeded",
                            "sigaltstack with SS_ONSTACK in ss_flags succeeds (the flag is ignored)",
                            "redox-rt's sigaltstack accepts SS_ONSTACK and ignores it (DESIGN.md Profiles, row 'sigaltstack')")),
            Map.entry(
                    "gvisor.sigtimedwait.NullTimeoutReturnsEINTR",
                    new Deviation(
                            STALL,
                            "a caught SIGALRM outside the set stays blocked during sigtimedwait without a timeout: no EINTR, the wait"
                                    + " goes on",
                            SIGTIMEDWAIT_RULE)));

    private RedoxDeviations() {}

    /**
     * The deviation of a case under Redox.
     *
     * @param c the case
     * @return the deviation, or null if Redox must behave as the assertion asks
     */
    public static Deviation of(final Case c) {
        return BY_CASE.get(c.id().toString());
    }

    /** @return every documented deviation, by case id */
    public static Map<String, Deviation> all() {
        return BY_CASE;
    }
}
