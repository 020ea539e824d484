package dev.sigpage.impl;

import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.Signals;

/**
 * Renders pages as tables in the manner of the Redox signals talk: one column per signal, rows
 * {@code Pending / Allow / Deliver}. The values are read from the buffers, not from Java-side state.
 */
public final class PagePrinter {
    private static final int COLUMNS = 16;

    private PagePrinter() {}

    /**
     * A thread's words as tables, standard group (1-31) then realtime group (33-64), 16 signals per table.
     * The pending row is thread-directed OR process-directed, as the deliverable computation uses it.
     *
     * @param thread the thread
     * @return the text
     */
    public static String thread(final ModelThread thread) {
        final long w0 = thread.control.word0();
        final long w1 = thread.control.word1();
        final long proc = thread.process.control.pendingWord();
        final long threadPending = (w0 & 0xFFFF_FFFFL) | (w1 << 32);
        final long pending = threadPending | proc;
        final long allow = (w0 >>> 32) | (w1 & 0xFFFF_FFFF_0000_0000L);
        final long flags = thread.control.controlFlags();
        final StringBuilder sb = new StringBuilder();
        sb.append("thread ")
                .append(thread.tid())
                .append(" of process ")
                .append(thread.process.pid())
                .append(thread.isAlive() ? "" : " (exited)")
                .append(String.format(
                        "  word0=0x%016x word1=0x%016x flags=0x%x%s%n",
                        w0, w1, flags, (flags & 1) != 0 ? " (delivery inhibited)" : ""));
        table(sb, 1, 16, pending, allow);
        table(sb, 17, 31, pending, allow);
        table(sb, 33, 48, pending, allow);
        table(sb, 49, 64, pending, allow);
        for (int sig = Signals.SIGRTMIN; sig <= Signals.SIGRTMAX; sig++) {
            final int n = thread.queuedRealtime(sig);
            if (n > 0) {
                sb.append("  queued for thread: ")
                        .append(Signals.name(sig))
                        .append(" x")
                        .append(n)
                        .append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    private static void table(
            final StringBuilder sb, final int from, final int to, final long pending, final long allow) {
        final StringBuilder head = new StringBuilder(String.format("  %-8s", "Signal"));
        final StringBuilder p = new StringBuilder(String.format("  %-8s", "Pending"));
        final StringBuilder a = new StringBuilder(String.format("  %-8s", "Allow"));
        final StringBuilder d = new StringBuilder(String.format("  %-8s", "Deliver"));
        for (int sig = from; sig <= to; sig++) {
            final long bit = 1L << (sig - 1);
            final String name = shortName(sig);
            final int width = Math.max(4, name.length() + 1);
            head.append(pad(name, width));
            p.append(pad((pending & bit) != 0 ? "1" : "0", width));
            a.append(pad((allow & bit) != 0 ? "1" : "0", width));
            d.append(pad((pending & allow & bit) != 0 ? "1" : "0", width));
        }
        final String nl = System.lineSeparator();
        sb.append(head)
                .append(nl)
                .append(p)
                .append(nl)
                .append(a)
                .append(nl)
                .append(d)
                .append(nl);
    }

    private static String shortName(final int sig) {
        if (Signals.isRealtime(sig)) {
            return "RT" + (sig - Signals.SIGRTMIN);
        }
        return Signals.name(sig).substring(3);
    }

    private static String pad(final String s, final int width) {
        final StringBuilder sb = new StringBuilder();
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb.append(s).toString();
    }

    /**
     * A process page: pending set, actions that differ from the default, queued realtime counts, threads.
     *
     * @param process the process
     * @return the text
     */
    public static String process(final ModelProcess process) {
        final String nl = System.lineSeparator();
        final StringBuilder sb = new StringBuilder();
        final long pending = process.control.pendingWord();
        sb.append("process ")
                .append(process.pid())
                .append(" ruid=")
                .append(process.ruid())
                .append(" suid=")
                .append(process.suid())
                .append(process.isAlive() ? "" : " (exited)")
                .append(nl);
        sb.append(String.format("  pending=0x%016x %s%n", pending, dev.sigpage.api.SignalSet.ofBits(pending)));
        sb.append("  actions (non-default):").append(nl);
        int shown = 0;
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            if (!Signals.isValid(sig)) {
                continue;
            }
            final ProfileRules rules = process.kernel.rules();
            final long first = process.control.actionFirstUnchecked(sig);
            if (first == rules.freshFirst(sig) && process.control.actionMaskUnchecked(sig) == 0L) {
                continue;
            }
            final SigAction act = rules.decode(sig, first, process.control.actionMaskUnchecked(sig));
            shown++;
            final String handler =
                    act.isIgnored() ? "SIG_IGN" : act.isDefault() ? "SIG_DFL" : String.format("0x%x", act.handler());
            sb.append(String.format(
                    "    %-12s first=0x%016x handler=%s mask=%s flags=%s%n",
                    Signals.name(sig), first, handler, act.mask(), SaFlags.toString(act.flags())));
        }
        if (shown == 0) {
            sb.append("    (none)").append(nl);
        }
        for (int sig = Signals.SIGRTMIN; sig <= Signals.SIGRTMAX; sig++) {
            final int n = process.queuedRealtime(sig);
            if (n > 0) {
                sb.append("  queued for process: ")
                        .append(Signals.name(sig))
                        .append(" x")
                        .append(n)
                        .append(nl);
            }
        }
        sb.append("  threads:");
        for (final ModelThread t : process.threads()) {
            sb.append(' ').append(t.tid());
        }
        return sb.append(nl).toString();
    }
}
