package dev.sigpage.impl.report;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/** What the report's scenario catalogues share: the sample handler and uid, and small probes of the model. */
final class ScenarioKit {
    static final long HANDLER = 0x401000L;
    static final int UID = 1000;
    static final long MILLISECOND = 1_000_000L;

    private ScenarioKit() {}

    static String attempt(final Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (final SignalException e) {
            return e.errno().name();
        }
    }

    /** Unblocks everything and claims until nothing is left: the signals in claim order. */
    static String claims(final ModelThread t) {
        t.sigprocmask(MaskHow.SETMASK, SignalSet.empty());
        final MutableSigInfo info = new MutableSigInfo();
        final StringJoiner j = new StringJoiner(" ", "[", "]");
        int sig;
        while ((sig = t.claim(info)) != 0) {
            j.add(Signals.name(sig));
        }
        return j.toString();
    }

    static String firstClaim(final ModelThread t) {
        t.sigprocmask(MaskHow.SETMASK, SignalSet.empty());
        final MutableSigInfo info = new MutableSigInfo();
        final int sig = t.claim(info);
        return sig == 0
                ? "nothing"
                : Signals.name(sig) + " pid=" + info.senderPid() + " code=" + info.code() + " value=" + info.value();
    }

    static long userData(final ModelProcess p, final int sig) {
        return p.page().getLong(ProcessControlDescriptor.actionUserDataOffset(sig));
    }

    static String hex(final long v) {
        return "0x" + Long.toHexString(v);
    }

    static SigAction handler(final int flags) {
        return SigAction.handler(HANDLER, SignalSet.empty(), flags);
    }

    static ModelThread blockedApp(final Kernel k, final int... sigs) {
        final ModelThread t = k.spawn(UID, UID).mainThread();
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(sigs));
        return t;
    }

    /** A child of a shell, in a process group of its own: its group is not orphaned (its parent is outside). */
    static ModelThread jobApp(final Kernel k, final int... blocked) {
        final ModelThread shell = k.spawn(UID, UID).mainThread();
        final ModelProcess job = shell.process().fork(shell);
        job.setpgid(0);
        final ModelThread t = job.mainThread();
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(blocked));
        return t;
    }

    static void add(
            final List<Scenario> list,
            final String name,
            final String posix,
            final boolean open,
            final String note,
            final Function<Kernel, String> run) {
        list.add(new Scenario(name, posix, open, note, run));
    }

    static String waitResult(final ModelThread t, final int sig) {
        try {
            return Signals.name(t.sigtimedwait(SignalSet.of(sig), new MutableSigInfo(), MILLISECOND));
        } catch (final SignalException e) {
            return e.errno().name();
        }
    }
}
