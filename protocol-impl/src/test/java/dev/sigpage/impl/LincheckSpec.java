package dev.sigpage.impl;

import dev.sigpage.api.SigAction;
import java.util.TreeSet;

/**
 * The sequential specification for {@link LincheckTest}: the same operations, one at a time, on
 * {@link ReferenceModel} (plain sets and deques, written from DESIGN.md, not from the implementation). Lincheck
 * accepts a concurrent history only if some order of its operations, consistent with real time, gives these
 * results.
 */
public final class LincheckSpec {
    private static final int RTMIN = 33;

    private final ReferenceModel model = new ReferenceModel(LincheckTest.DEPTH, LincheckTest.MAX_THREADS);
    private final int pid;
    private final int a;
    private final int b;
    private final int s;

    /** The world of {@link LincheckTest}: threads A and B allow everything, S blocks everything and sends. */
    public LincheckSpec() {
        pid = model.spawn(1000, 1000);
        a = model.procs.get(pid).main.tid;
        b = model.createThread(pid, a);
        s = model.createThread(pid, a);
        model.sigprocmask(s, 2, -1L);
    }

    /** See {@link LincheckTest#kill}. */
    public String kill(final int sig) {
        return sendOutcome(() -> model.kill(null, pid, LincheckTest.standard(sig), 0, 0));
    }

    /** See {@link LincheckTest#sigqueueToAFromS}. */
    public String sigqueueToAFromS(final int sig, final int value) {
        final int signal = LincheckTest.standard(sig);
        return sendOutcome(() -> model.tkill(s, pid, a, signal, ReferenceModel.SI_QUEUE, value));
    }

    /** See {@link LincheckClaimTest#sigqueueUsr1FromS}. */
    public String sigqueueUsr1FromS(final int value) {
        return sendOutcome(() -> model.kill(s, pid, 10, ReferenceModel.SI_QUEUE, value));
    }

    /** See {@link LincheckSendersTest#tkillUsr1ToA}. */
    public String tkillUsr1ToA() {
        return sendOutcome(() -> model.tkill(null, pid, a, 10, ReferenceModel.SI_TKILL, 0));
    }

    /** See {@link LincheckSendersTest#sigqueueUsr1ToAFromS}. */
    public String sigqueueUsr1ToAFromS(final int value) {
        return sigqueueToAFromS(10, value);
    }

    /** See {@link LincheckTest#sigqueueRealtimeFromS}. */
    public String sigqueueRealtimeFromS(final int value) {
        return sendOutcome(() -> model.kill(s, pid, RTMIN, ReferenceModel.SI_QUEUE, value));
    }

    /** See {@link LincheckTest#sigqueueRealtimeFromKernel}. */
    public String sigqueueRealtimeFromKernel(final int value) {
        return sendOutcome(() -> model.kill(null, pid, RTMIN, ReferenceModel.SI_QUEUE, value));
    }

    /** See {@link LincheckTest#sigqueueRealtimeToAFromKernel}. */
    public String sigqueueRealtimeToAFromKernel(final int value) {
        return sendOutcome(() -> model.tkill(null, pid, a, RTMIN, ReferenceModel.SI_QUEUE, value));
    }

    /** See {@link LincheckTest#maskA}. */
    public long maskA(final int how, final int sig) {
        return model.sigprocmask(a, how, 1L << (LincheckTest.signal(sig) - 1));
    }

    /** See {@link LincheckTest#maskB}. */
    public long maskB(final int how, final int sig) {
        return model.sigprocmask(b, how, 1L << (LincheckTest.signal(sig) - 1));
    }

    /** See {@link LincheckTest#claimA}. */
    public String claimA() {
        return LincheckTest.describe(model.claim(a));
    }

    /** See {@link LincheckTest#claimB}. */
    public String claimB() {
        return LincheckTest.describe(model.claim(b));
    }

    /** See {@link LincheckTest#handle}. */
    public void handle(final int which) {
        final SigAction act = LincheckTest.action(which);
        final TreeSet<Integer> mask = new TreeSet<>();
        for (int sig = 1; sig <= 64; sig++) {
            if ((act.mask().bits() & (1L << (sig - 1))) != 0) {
                mask.add(sig);
            }
        }
        model.sigaction(pid, 10, new ReferenceModel.Action(act.handler(), mask, act.flags()));
    }

    /** See {@link LincheckTest#deliverA}. */
    public String deliverA() {
        final ReferenceModel.Delivered d = model.deliver(a);
        if (d.entry() == null) {
            return "none";
        }
        final long mask = model.maskOf(model.thr(a));
        return LincheckTest.describe(d.entry()) + " " + LincheckTest.delivered(d.handler(), d.flags(), mask);
    }

    /** See {@link LincheckTest#ignore}. */
    public void ignore(final int sig) {
        model.sigaction(pid, LincheckTest.signal(sig), new ReferenceModel.Action(1, new TreeSet<>(), 0));
    }

    private static String sendOutcome(final Runnable send) {
        try {
            send.run();
            return "ok";
        } catch (final ReferenceModel.Failure e) {
            return e.getMessage();
        }
    }
}
