package dev.sigpage.conformance;

import dev.sigpage.api.DefaultAction;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.engine.SignalHandler;
import java.util.ArrayList;
import java.util.List;

/** Signal lists and handlers the scenarios share. */
public final class Sigs {
    /** Every signal a process may catch, block and ignore: 1..31 but SIGKILL and SIGSTOP, and three realtime ones. */
    public static final int[] CATCHABLE;
    /**
     * {@link #CATCHABLE} without the signals whose default action is to ignore them (SIGCHLD, SIGURG, SIGWINCH): the
     * model discards those at generation even while blocked, so a scenario that needs them to stay pending leaves
     * them out and says so.
     */
    public static final int[] KEPT_WHEN_BLOCKED;
    /** The invalid numbers every interface must refuse: below 1, the reserved 32, above 64. */
    public static final int[] INVALID = {-1, 65, 100, Integer.MAX_VALUE, Integer.MIN_VALUE};

    static {
        final List<Integer> l = new ArrayList<>();
        for (int s = 1; s < Signals.RESERVED; s++) {
            if (s != Signals.SIGKILL && s != Signals.SIGSTOP) {
                l.add(s);
            }
        }
        l.add(Signals.SIGRTMIN);
        l.add(Signals.SIGRTMIN + 5);
        l.add(Signals.SIGRTMAX);
        CATCHABLE = l.stream().mapToInt(Integer::intValue).toArray();
        KEPT_WHEN_BLOCKED = l.stream()
                .mapToInt(Integer::intValue)
                .filter(s -> Signals.defaultAction(s) != DefaultAction.IGNORE)
                .toArray();
    }

    /** The choice every interface that refuses signal 32 documents. */
    public static final String RESERVED_CHOICE = "signal 32, reserved between the standard and realtime groups, is"
            + " refused with EINVAL, as glibc does for its internal signals; the raw Linux system call accepts it. POSIX"
            + " lets an implementation decide which numbers it supports.";

    private Sigs() {}

    /**
     * A handler that records {@code "handler <SIGNAME>"}.
     *
     * @param ev the record
     * @return the handler
     */
    public static SignalHandler recording(final Events ev) {
        return (sig, info, ctx) -> ev.add("handler " + Signals.name(sig));
    }

    /**
     * The event {@link #recording} records for a signal.
     *
     * @param sig the signal
     * @return the event
     */
    public static String ran(final int sig) {
        return "handler " + Signals.name(sig);
    }
}
