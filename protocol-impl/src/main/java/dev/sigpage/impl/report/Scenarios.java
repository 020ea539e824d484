package dev.sigpage.impl.report;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalException;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import dev.sigpage.impl.Kernel;
import dev.sigpage.impl.ModelProcess;
import dev.sigpage.impl.ModelThread;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The catalogue of the Redox-versus-POSIX report: one scenario per rule where the profiles can differ, and controls
 * where they agree. Each result is what a test can observe through the model's API or the page's bytes. Section
 * numbers refer to POSIX.1-2017, volume XSH.
 */
public final class Scenarios {
    private static final long HANDLER = 0x401000L;
    private static final int UID = 1000;
    private static final List<Scenario> ALL = build();

    private Scenarios() {
    }

    /**
     * Every scenario, in report order.
     *
     * @return an unmodifiable list
     */
    public static List<Scenario> all() {
        return ALL;
    }

    /**
     * The scenario with a name.
     *
     * @param name the name
     * @return the scenario
     * @throws IllegalArgumentException if none has that name
     */
    public static Scenario named(final String name) {
        for (final Scenario s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no scenario has that name: name=" + name);
    }

    // ---------------------------------------------------------------- helpers

    private static String attempt(final Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (final SignalException e) {
            return e.errno().name();
        }
    }

    /** Unblocks everything and claims until nothing is left: the signals in claim order. */
    private static String claims(final ModelThread t) {
        t.sigprocmask(MaskHow.SETMASK, SignalSet.empty());
        final MutableSigInfo info = new MutableSigInfo();
        final StringJoiner j = new StringJoiner(" ", "[", "]");
        int sig;
        while ((sig = t.claim(info)) != 0) {
            j.add(Signals.name(sig));
        }
        return j.toString();
    }

    private static String firstClaim(final ModelThread t) {
        t.sigprocmask(MaskHow.SETMASK, SignalSet.empty());
        final MutableSigInfo info = new MutableSigInfo();
        final int sig = t.claim(info);
        return sig == 0 ? "nothing" : Signals.name(sig) + " pid=" + info.senderPid() + " code=" + info.code()
            + " value=" + info.value();
    }

    private static long userData(final ModelProcess p, final int sig) {
        return p.page().getLong(ProcessControlDescriptor.actionUserDataOffset(sig));
    }

    private static String hex(final long v) {
        return "0x" + Long.toHexString(v);
    }

    private static SigAction handler(final int flags) {
        return SigAction.handler(HANDLER, SignalSet.empty(), flags);
    }

    private static ModelThread blockedApp(final Kernel k, final int... sigs) {
        final ModelThread t = k.spawn(UID, UID).mainThread();
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(sigs));
        return t;
    }

    /** A child of a shell, in a process group of its own: its group is not orphaned (its parent is outside). */
    private static ModelThread jobApp(final Kernel k, final int... blocked) {
        final ModelThread shell = k.spawn(UID, UID).mainThread();
        final ModelProcess job = shell.process().fork(shell);
        job.setpgid(0);
        final ModelThread t = job.mainThread();
        t.sigprocmask(MaskHow.BLOCK, SignalSet.of(blocked));
        return t;
    }

    private static void add(final List<Scenario> list, final String name, final String posix, final boolean open,
        final String note, final Function<Kernel, String> run) {
        list.add(new Scenario(name, posix, open, note, run));
    }

    // ---------------------------------------------------------------- the catalogue

    private static List<Scenario> build() {
        final List<Scenario> l = new ArrayList<>();
        pages(l);
        actions(l);
        generation(l);
        stopContinue(l);
        realtime(l);
        permission(l);
        ignoring(l);
        inheritance(l);
        altStack(l);
        waiting(l);
        groups(l);
        EngineScenarios.addTo(l);
        return Collections.unmodifiableList(l);
    }

    private static void pages(final List<Scenario> l) {
        add(l, "fresh page: SIGHUP handler word", "SIG_DFL at start (2.4.3); the encoding is the implementation's",
            true, "", k -> hex(k.spawn(UID, UID).control().actionFirst(Signals.SIGHUP)));
        add(l, "fresh page: SIGCHLD handler word", "SIG_DFL, default ignore (2.4.3); encoding open", true, "",
            k -> hex(k.spawn(UID, UID).control().actionFirst(Signals.SIGCHLD)));
        add(l, "fresh page: SIGTSTP handler word", "SIG_DFL, default stop (2.4.3); encoding open", true, "",
            k -> hex(k.spawn(UID, UID).control().actionFirst(Signals.SIGTSTP)));
        add(l, "SIG_IGN of SIGINT: handler word and user_data", "encoding open (2.4.3)", true, "", k -> {
            final ModelProcess p = k.spawn(UID, UID);
            p.sigaction(Signals.SIGINT, SigAction.IGNORE);
            return hex(p.control().actionFirst(Signals.SIGINT)) + " " + hex(userData(p, Signals.SIGINT));
        });
        add(l, "explicit SIG_DFL of SIGCHLD equals the fresh bytes", "encoding open (sigaction())", true, "", k -> {
            final ModelProcess p = k.spawn(UID, UID);
            final long before = userData(p, Signals.SIGCHLD);
            p.sigaction(Signals.SIGCHLD, SigAction.DEFAULT);
            return before == userData(p, Signals.SIGCHLD) ? "same" : "differs";
        });
        add(l, "handler word of a SA_RESTART|SA_SIGINFO handler", "encoding open (sigaction())", false, "", k -> {
            final ModelProcess p = k.spawn(UID, UID);
            p.sigaction(Signals.SIGUSR1, handler(SaFlags.SA_RESTART | SaFlags.SA_SIGINFO));
            return hex(p.control().actionFirst(Signals.SIGUSR1));
        });
    }

    private static void actions(final List<Scenario> l) {
        add(l, "sigaction reads back a handler's mask and flags", "oact holds the previous action (sigaction())",
            false, "", k -> {
                final ModelProcess p = k.spawn(UID, UID);
                final SigAction act = SigAction.handler(HANDLER, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_RESTART);
                p.sigaction(Signals.SIGUSR1, act);
                return p.sigaction(Signals.SIGUSR1).equals(act) ? "same action" : "changed";
            });
        add(l, "sigaction reads back SIG_DFL of SIGUSR1 with SA_RESTART and a mask",
            "oact holds the previous action (sigaction())", false, "", k -> {
                final ModelProcess p = k.spawn(UID, UID);
                final SigAction act = new SigAction(SigAction.SIG_DFL, SignalSet.of(Signals.SIGINT), SaFlags.SA_RESTART);
                p.sigaction(Signals.SIGUSR1, act);
                return p.sigaction(Signals.SIGUSR1).equals(act) ? "same action" : "changed";
            });
        add(l, "sigaction reads back SIG_DFL of SIGTSTP with SA_RESTART",
            "oact holds the previous action (sigaction())", false, "", k -> {
                final ModelProcess p = k.spawn(UID, UID);
                p.sigaction(Signals.SIGTSTP, new SigAction(SigAction.SIG_DFL, SignalSet.empty(), SaFlags.SA_RESTART));
                final SigAction old = p.sigaction(Signals.SIGTSTP);
                return "flags=" + SaFlags.toString(old.flags()) + " mask=" + (old.mask().bits() == -1L ? "full"
                    : old.mask().toString());
            });
        add(l, "SA_NOCLDSTOP on a SIGUSR1 handler reads back", "SA_NOCLDSTOP is defined for SIGCHLD only "
            + "(sigaction())", true, "", k -> {
                final ModelProcess p = k.spawn(UID, UID);
                p.sigaction(Signals.SIGUSR1, handler(SaFlags.SA_NOCLDSTOP));
                return "flags=" + SaFlags.toString(p.sigaction(Signals.SIGUSR1).flags());
            });
        add(l, "sigaction on SIGKILL", "EINVAL: cannot be caught or ignored (sigaction())", false, "",
            k -> attempt(() -> k.spawn(UID, UID).sigaction(Signals.SIGKILL, handler(0))));
        add(l, "sigaction on signal 32", "EINVAL: not a valid signal number (sigaction())", false, "",
            k -> attempt(() -> k.spawn(UID, UID).sigaction(Signals.RESERVED, handler(0))));
        add(l, "sigaction with SA_NOCLDWAIT on SIGUSR1", "SA_NOCLDWAIT is an XSI flag (sigaction())", true, "",
            k -> attempt(() -> k.spawn(UID, UID).sigaction(Signals.SIGUSR1, handler(SaFlags.SA_NOCLDWAIT))));
    }

    private static void generation(final List<Scenario> l) {
        add(l, "kill of a blocked SIGUSR1: pending set", "remains pending while blocked (2.4.1)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            k.kill(null, t.process().pid(), Signals.SIGUSR1);
            return t.sigpending().toString();
        });
        add(l, "tgkill of a blocked SIGUSR1: pending in that thread only", "pending for the thread (pthread_kill(), "
            + "2.4.1)", false, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                final ModelThread other = t.process().createThread(t);
                k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR1);
                return t.threadPendingSet() + " other=" + other.threadPendingSet();
            });
        add(l, "kill of an ignored SIGUSR1 (unblocked)", "discarded (2.4.1)", false, "", k -> {
            final ModelThread t = k.spawn(UID, UID).mainThread();
            t.process().sigaction(Signals.SIGUSR1, SigAction.IGNORE);
            k.kill(null, t.process().pid(), Signals.SIGUSR1);
            return t.pendingSet().toString();
        });
        add(l, "kill of SIGKILL: pending set", "SIGKILL cannot be caught, blocked or ignored (2.4.1); whether it is "
            + "seen pending is open", true, "", k -> {
                final ModelProcess p = k.spawn(UID, UID);
                k.kill(null, p.pid(), Signals.SIGKILL);
                return p.pendingSet().toString();
            });
        add(l, "two kills of a blocked SIGUSR1 from two senders: sender seen", "one instance; which sender's info is "
            + "implementation-defined (2.4.1)", true, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                final ModelThread a = k.spawn(UID, UID).mainThread();
                final ModelThread b = k.spawn(UID, UID).mainThread();
                k.kill(a, t.process().pid(), Signals.SIGUSR1);
                k.kill(b, t.process().pid(), Signals.SIGUSR1);
                final String first = firstClaim(t);
                return first.startsWith("SIGUSR1 pid=" + a.process().pid() + " ") ? "first sender"
                    : first.startsWith("SIGUSR1 pid=" + b.process().pid() + " ") ? "second sender" : first;
            });
        add(l, "two tgkills of a blocked SIGUSR1 from two senders: sender seen", "one instance; info "
            + "implementation-defined (2.4.1)", true, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                final ModelThread a = k.spawn(UID, UID).mainThread();
                final ModelThread b = k.spawn(UID, UID).mainThread();
                k.tgkill(a, t.process().pid(), t.tid(), Signals.SIGUSR1);
                k.tgkill(b, t.process().pid(), t.tid(), Signals.SIGUSR1);
                final String first = firstClaim(t);
                return first.startsWith("SIGUSR1 pid=" + a.process().pid() + " ") ? "first sender"
                    : first.startsWith("SIGUSR1 pid=" + b.process().pid() + " ") ? "second sender" : first;
            });
        add(l, "claim order of pending SIGTERM, SIGINT, SIGUSR1", "unspecified for standard signals (2.4.1)", true,
            "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGTERM, Signals.SIGINT, Signals.SIGUSR1);
                k.kill(null, t.process().pid(), Signals.SIGTERM);
                k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR1);
                k.kill(null, t.process().pid(), Signals.SIGINT);
                return claims(t);
            });
        add(l, "sigprocmask blocking SIGKILL and SIGSTOP", "not blocked, no error (pthread_sigmask())", false, "",
            k -> {
                final ModelThread t = k.spawn(UID, UID).mainThread();
                t.sigprocmask(MaskHow.SETMASK, SignalSet.full());
                return t.mask().contains(Signals.SIGKILL) || t.mask().contains(Signals.SIGSTOP) ? "blocked"
                    : "not blocked";
            });
        add(l, "new thread: mask and pending", "creator's mask, nothing pending (pthread_create())", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR2);
            final ModelThread n = t.process().createThread(t);
            return "mask=" + n.mask() + " pending=" + n.threadPendingSet();
        });
    }

    private static void stopContinue(final List<Scenario> l) {
        add(l, "kill of SIGSTOP: pending set and run state", "stops the process (2.4.3); pending until delivered "
            + "is open", true, "", k -> {
                final ModelProcess p = k.spawn(UID, UID);
                k.kill(null, p.pid(), Signals.SIGSTOP);
                return p.pendingSet() + (p.isStopped() ? " stopped" : "");
            });
        add(l, "kill of SIGTSTP (SIG_DFL) while blocked", "a blocked signal remains pending (2.4.1)", false, "", k -> {
            final ModelThread t = jobApp(k, Signals.SIGTSTP);
            k.kill(null, t.process().pid(), Signals.SIGTSTP);
            return t.process().pendingSet() + (t.process().isStopped() ? " stopped" : "");
        });
        add(l, "kill of SIGTSTP with a SA_NOCLDSTOP handler", "pending, the handler runs (2.4.3)", false,
            "Redox's procmgr reads bit 62 as stop-by-default and stops: modelled as intended", k -> {
                final ModelThread t = jobApp(k, Signals.SIGTSTP);
                t.process().sigaction(Signals.SIGTSTP, handler(SaFlags.SA_NOCLDSTOP));
                k.kill(null, t.process().pid(), Signals.SIGTSTP);
                return t.process().pendingSet() + (t.process().isStopped() ? " stopped" : "");
            });
        add(l, "SIGCONT to a running process with a caught SIGTSTP pending", "pending stop signals discarded when "
            + "SIGCONT is generated (2.4.1)", false, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGTSTP, Signals.SIGCONT);
                t.process().sigaction(Signals.SIGTSTP, handler(0));
                k.kill(null, t.process().pid(), Signals.SIGTSTP);
                k.kill(null, t.process().pid(), Signals.SIGCONT);
                return t.process().pendingSet().toString();
            });
        add(l, "stop signal discards a pending SIGCONT", "pending SIGCONT discarded when a stop signal is generated "
            + "(2.4.1)", false, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGCONT);
                k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGCONT);
                k.kill(null, t.process().pid(), Signals.SIGSTOP);
                return "thread=" + t.threadPendingSet() + " process="
                    + t.process().pendingSet().toString().replace("SIGSTOP", "").replace("{,", "{");
            });
        add(l, "SIGCONT (blocked) after SIGSTOP", "continued even if SIGCONT is blocked; SIGCONT stays pending "
            + "(2.4.1)", false, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGCONT);
                k.kill(null, t.process().pid(), Signals.SIGSTOP);
                k.kill(null, t.process().pid(), Signals.SIGCONT);
                return t.process().pendingSet() + (t.process().isStopped() ? " stopped" : " running");
            });
        add(l, "SIGCONT (ignored) after SIGSTOP", "continued even if SIGCONT is ignored; SIGCONT discarded (2.4.1)",
            false, "", k -> {
                final ModelThread t = k.spawn(UID, UID).mainThread();
                t.process().sigaction(Signals.SIGCONT, SigAction.IGNORE);
                k.kill(null, t.process().pid(), Signals.SIGSTOP);
                k.kill(null, t.process().pid(), Signals.SIGCONT);
                return t.process().pendingSet() + (t.process().isStopped() ? " stopped" : " running");
            });
    }

    private static void realtime(final List<Scenario> l) {
        add(l, "two sigqueue of SIGRTMIN (SA_SIGINFO handler, blocked)", "both queued, with their values (2.4.2)",
            false, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                t.process().sigaction(Signals.SIGRTMIN, handler(SaFlags.SA_SIGINFO));
                k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 1);
                k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 2);
                return claims(t);
            });
        add(l, "two tgkills of SIGRTMIN to a blocked thread", "queueing required only with a value (2.4.2); "
            + "otherwise implementation-defined (2.4.1)", true, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGRTMIN);
                k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGRTMIN);
                return claims(t);
            });
        add(l, "kill of SIGRTMIN (not pending)", "the signal is generated (kill())", false,
            "Redox's procmgr fails with ESRCH unless already pending: modelled as intended", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                final String r = attempt(() -> k.kill(null, t.process().pid(), Signals.SIGRTMIN));
                return r + " " + claims(t);
            });
        add(l, "sigqueue of SIGUSR1 with value 42: code and value", "sent with the value; si_code SI_QUEUE "
            + "(sigqueue(), <signal.h>)", false, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                k.sigqueue(k.spawn(UID, UID).mainThread(), t.process().pid(), Signals.SIGUSR1, 42);
                final String c = firstClaim(t);
                return c.substring(c.indexOf("code="));
            });
        add(l, "33rd sigqueue of SIGRTMIN with 32 queued", "EAGAIN when no resources remain (sigqueue())", false,
            "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                for (int i = 0; i < 32; i++) {
                    k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, i);
                }
                return attempt(() -> k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 32));
            });
        add(l, "realtime claim order: SIGRTMIN+1 queued to the process, SIGRTMIN to the thread", "lowest number "
            + "first (2.4.2)", false, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGRTMIN, Signals.SIGRTMIN + 1);
                k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN + 1, 1);
                k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGRTMIN);
                return claims(t);
            });
    }

    private static void permission(final List<Scenario> l) {
        add(l, "kill by a uid equal to the target's saved uid only", "permitted: real or effective uid matches real "
            + "or saved set-user-ID (kill())", false, "", k -> {
                final ModelProcess target = k.spawn(2000, UID);
                return attempt(() -> k.kill(k.spawn(UID, UID).mainThread(), target.pid(), Signals.SIGUSR1));
            });
        add(l, "kill by a uid equal to the target's real uid", "permitted (kill())", false, "", k -> {
            final ModelProcess target = k.spawn(UID, 2000);
            return attempt(() -> k.kill(k.spawn(UID, UID).mainThread(), target.pid(), Signals.SIGUSR1));
        });
        add(l, "kill by root", "permitted with appropriate privileges (kill())", false, "", k -> {
            final ModelProcess target = k.spawn(UID, UID);
            return attempt(() -> k.kill(k.spawn(0, 0).mainThread(), target.pid(), Signals.SIGUSR1));
        });
        add(l, "kill by an unrelated uid", "EPERM (kill())", false, "", k -> {
            final ModelProcess target = k.spawn(UID, UID);
            return attempt(() -> k.kill(k.spawn(3000, 3000).mainThread(), target.pid(), Signals.SIGUSR1));
        });
        add(l, "kill of signal 0 to a live process", "error checking only, nothing sent (kill())", false, "",
            k -> {
                final ModelProcess target = k.spawn(UID, UID);
                return attempt(() -> k.kill(k.spawn(UID, UID).mainThread(), target.pid(), 0)) + " "
                    + target.pendingSet();
            });
        add(l, "kill of signal 0 by an unrelated uid", "EPERM (kill())", false, "", k -> {
            final ModelProcess target = k.spawn(UID, UID);
            return attempt(() -> k.kill(k.spawn(3000, 3000).mainThread(), target.pid(), 0));
        });
        add(l, "kill of signal 0 to an exited process", "ESRCH (kill())", false, "", k -> {
            final ModelProcess p = k.spawn(UID, UID);
            p.exit(0);
            return attempt(() -> k.kill(k.spawn(UID, UID).mainThread(), p.pid(), 0));
        });
        add(l, "kill of signal 65", "EINVAL (kill())", false, "",
            k -> attempt(() -> k.kill(null, k.spawn(UID, UID).pid(), 65)));
        add(l, "kill of an exited process", "ESRCH (kill())", false, "", k -> {
            final ModelProcess p = k.spawn(UID, UID);
            p.exit(0);
            return attempt(() -> k.kill(null, p.pid(), Signals.SIGUSR1));
        });
    }

    private static void ignoring(final List<Scenario> l) {
        add(l, "SIG_IGN while pending in another thread", "the pending signal is discarded (2.4.3)", false, "",
            k -> {
                final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                final ModelThread other = t.process().createThread(t);
                k.tgkill(null, t.process().pid(), other.tid(), Signals.SIGUSR1);
                t.process().sigaction(t, Signals.SIGUSR1, SigAction.IGNORE);
                return other.threadPendingSet().toString();
            });
        add(l, "SIG_IGN while pending in the calling thread", "discarded (2.4.3)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR1);
            t.process().sigaction(t, Signals.SIGUSR1, SigAction.IGNORE);
            return t.threadPendingSet().toString();
        });
        add(l, "SIG_IGN while pending for the process", "discarded (2.4.3)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            k.kill(null, t.process().pid(), Signals.SIGUSR1);
            t.process().sigaction(t, Signals.SIGUSR1, SigAction.IGNORE);
            return t.process().pendingSet().toString();
        });
        add(l, "SIG_IGN with a queued SIGRTMIN, handler again, one more sigqueue", "the queued instance is discarded "
            + "(2.4.3)", false, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 1);
                t.process().sigaction(t, Signals.SIGRTMIN, SigAction.IGNORE);
                t.process().sigaction(t, Signals.SIGRTMIN, handler(SaFlags.SA_SIGINFO));
                k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 2);
                return claims(t);
            });
        add(l, "SIG_DFL of SIGCHLD while SIGCHLD is pending", "discarded: default action is to ignore (2.4.3)",
            false, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGCHLD);
                t.process().sigaction(t, Signals.SIGCHLD, handler(0));
                k.kill(null, t.process().pid(), Signals.SIGCHLD);
                t.process().sigaction(t, Signals.SIGCHLD, SigAction.DEFAULT);
                return t.process().pendingSet().toString();
            });
    }

    private static void inheritance(final List<Scenario> l) {
        add(l, "fork: the child's pending set", "initialized to the empty set (fork())", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1, Signals.SIGUSR2);
            k.kill(null, t.process().pid(), Signals.SIGUSR1);
            k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR2);
            return t.process().fork(t).mainThread().pendingSet().toString();
        });
        add(l, "fork: a queued SIGRTMIN in the child", "empty pending set (fork())", false,
            "Redox copies the bit without its queue: modelled as intended", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGRTMIN);
                k.sigqueue(null, t.process().pid(), Signals.SIGRTMIN, 1);
                return t.process().fork(t).mainThread().pendingSet().toString();
            });
        add(l, "fork: the child's actions and mask", "inherited (fork())", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            t.process().sigaction(Signals.SIGUSR2, handler(SaFlags.SA_RESTART));
            final ModelProcess child = t.process().fork(t);
            return "mask=" + child.mainThread().mask() + " USR2 "
                + (child.sigaction(Signals.SIGUSR2).equals(handler(SaFlags.SA_RESTART)) ? "inherited" : "lost");
        });
        add(l, "exec: pending signals", "inherited by the new image (exec)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            k.kill(null, t.process().pid(), Signals.SIGUSR1);
            t.process().exec(t);
            return t.pendingSet().toString();
        });
        add(l, "exec: caught, ignored and default actions", "caught become SIG_DFL, ignored stay ignored (exec)",
            false, "", k -> {
                final ModelThread t = k.spawn(UID, UID).mainThread();
                t.process().sigaction(Signals.SIGUSR1, handler(0));
                t.process().sigaction(Signals.SIGUSR2, SigAction.IGNORE);
                t.process().exec(t);
                final ModelProcess p = t.process();
                return "USR1 " + (p.sigaction(Signals.SIGUSR1).isDefault() ? "default" : "other") + ", USR2 "
                    + (p.sigaction(Signals.SIGUSR2).isIgnored() ? "ignored" : "other");
            });
        add(l, "exec: the mask", "inherited (exec)", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1);
            t.process().exec(t);
            return t.mask().toString();
        });
    }

    private static void altStack(final List<Scenario> l) {
        add(l, "sigaltstack with SS_ONSTACK in ss_flags", "EINVAL: flags other than SS_DISABLE (sigaltstack())",
            false, "", k -> attempt(() -> k.spawn(UID, UID).mainThread().sigaltstack(new AltStack(0x7000_0000L,
                8192, AltStack.SS_ONSTACK))));
        add(l, "sigaltstack of 2047 bytes", "ENOMEM below MINSIGSTKSZ (sigaltstack())", false, "",
            k -> attempt(() -> k.spawn(UID, UID).mainThread().sigaltstack(new AltStack(0x7000_0000L, 2047, 0))));
        add(l, "sigaltstack of 2048 bytes", "accepted at MINSIGSTKSZ (sigaltstack())", false, "",
            k -> attempt(() -> k.spawn(UID, UID).mainThread().sigaltstack(new AltStack(0x7000_0000L, 2048, 0))));
    }

    private static final long MILLISECOND = 1_000_000L;

    private static String waitResult(final ModelThread t, final int sig) {
        try {
            return Signals.name(t.sigtimedwait(SignalSet.of(sig), new MutableSigInfo(), MILLISECOND));
        } catch (final SignalException e) {
            return e.errno().name();
        }
    }

    private static void waiting(final List<Scenario> l) {
        add(l, "sigtimedwait for a pending blocked SIGUSR1", "the signal is accepted (sigtimedwait())", false, "",
            k -> {
                final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                k.kill(null, t.process().pid(), Signals.SIGUSR1);
                return waitResult(t, Signals.SIGUSR1);
            });
        add(l, "sigtimedwait for SIGUSR1 with a caught SIGUSR2 deliverable", "EINTR: interrupted by an unblocked, "
            + "caught signal (sigtimedwait())", false, "", k -> {
                final ModelThread t = blockedApp(k, Signals.SIGUSR1);
                t.process().sigaction(Signals.SIGUSR2, handler(0));
                k.tgkill(null, t.process().pid(), t.tid(), Signals.SIGUSR2);
                return waitResult(t, Signals.SIGUSR1) + " " + t.threadPendingSet();
            });
        add(l, "sigtimedwait with nothing arriving", "EAGAIN when the timeout expires (sigtimedwait())", false, "",
            k -> waitResult(blockedApp(k, Signals.SIGUSR1), Signals.SIGUSR1));
        add(l, "sigtimedwait: the mask afterwards", "unchanged by the call (sigtimedwait())", false, "", k -> {
            final ModelThread t = blockedApp(k, Signals.SIGUSR1, Signals.SIGTERM);
            waitResult(t, Signals.SIGUSR1);
            return t.mask().toString();
        });
    }

    private static void groups(final List<Scenario> l) {
        add(l, "kill(0): the sender's group and another process", "every process in the sender's group (kill())",
            false, "", k -> {
                final ModelThread sender = k.spawn(UID, UID).mainThread();
                final ModelThread member = sender.process().fork(sender).mainThread();
                final ModelThread outsider = k.spawn(UID, UID).mainThread();
                member.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
                outsider.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
                sender.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
                k.kill(sender, 0, Signals.SIGUSR1);
                return "sender=" + sender.pendingSet() + " member=" + member.pendingSet() + " outsider="
                    + outsider.pendingSet();
            });
        add(l, "kill(-pgid) of a job's group", "every process in the group (kill())", false, "", k -> {
            final ModelThread job = jobApp(k, Signals.SIGUSR1);
            final ModelThread sibling = job.process().fork(job).mainThread();
            k.kill(null, -job.process().pgid(), Signals.SIGUSR1);
            return "job=" + job.pendingSet() + " sibling=" + sibling.pendingSet();
        });
        add(l, "kill(-pgid) of a group with no member", "ESRCH (kill())", false, "",
            k -> attempt(() -> k.kill(k.spawn(UID, UID).mainThread(), -9999, Signals.SIGUSR1)));
        add(l, "kill(-1): is the sender signalled", "every process it may signal, except an unspecified set of "
            + "system processes (kill())", true, "", k -> {
                final ModelThread sender = blockedApp(k, Signals.SIGUSR1);
                final ModelThread other = blockedApp(k, Signals.SIGUSR1);
                k.kill(sender, -1, Signals.SIGUSR1);
                return "sender=" + sender.pendingSet() + " other=" + other.pendingSet();
            });
        add(l, "kill(-1) by a uid that may signal no other process", "EPERM unless it may signal some process "
            + "(kill()); whether that includes itself is open", true, "", k -> {
                k.spawn(UID, UID);
                final ModelThread sender = k.spawn(4000, 4000).mainThread();
                sender.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1));
                return attempt(() -> k.kill(sender, -1, Signals.SIGUSR1)) + " " + sender.pendingSet();
            });
        add(l, "SIGTSTP (SIG_DFL) to a process of an orphaned group", "not stopped: discarded where delivery would "
            + "stop it (2.4.3)", true, "", k -> {
                final ModelProcess p = k.spawn(UID, UID);
                k.kill(null, p.pid(), Signals.SIGTSTP);
                return p.pendingSet() + (p.isStopped() ? " stopped" : "");
            });
        add(l, "SIGSTOP to a process of an orphaned group", "stops: SIGSTOP cannot be caught or ignored (2.4.3)",
            true, "", k -> {
                final ModelProcess p = k.spawn(UID, UID);
                k.kill(null, p.pid(), Signals.SIGSTOP);
                return p.pendingSet() + (p.isStopped() ? " stopped" : "");
            });
    }
}
