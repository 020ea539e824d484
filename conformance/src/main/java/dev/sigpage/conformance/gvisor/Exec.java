package dev.sigpage.conformance.gvisor;

import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.that;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Suite;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.ProcessEvent;
import dev.sigpage.impl.engine.Sys;
import dev.sigpage.impl.engine.UserProgram;
import java.util.List;

/**
 * The signal state across {@code execve}: gVisor's {@code ExecStateTest} cases of {@code exec.cc}, the frame tests
 * of {@code fpsig_*.cc} and the signal flag of {@code clone3}. The engine has no program images: a child execs with
 * the model's {@code exec} and then makes the check the test's workload makes.
 */
final class Exec {
    private static final String CHOICE = "execve is the model's exec of a forked child; the child then checks what"
            + " the test's exec_state_workload checks.";
    private static final String FP =
            "floating-point and vector state: the engine's frames carry the general" + " registers only";

    private Exec() {}

    /** Forks a child that execs, then runs the check; the child's exit status 0 means the check passed. */
    private static void execAndCheck(final Sys sys, final UserProgram check) {
        final EngineProcess child = sys.fork(cs -> {
            cs.process().model().exec(cs.thread());
            check.run(cs);
        });
        eq(new ProcessEvent(ProcessEvent.Kind.EXITED, child.pid(), 0), sys.waitpid(child), "the workload's end");
    }

    static void addTo(final List<Case> out) {
        final Cases c = new Cases(Suite.GVISOR, "exec", out);
        c.test(
                        "HandlerReset",
                        "a caught signal's disposition is SIG_DFL in the new image",
                        lab -> lab.runOk(sys -> {
                            sys.sigaction(SIGUSR1, (s, i, x) -> {}, SignalSet.empty(), 0);
                            final Events ev = new Events();
                            execAndCheck(
                                    sys,
                                    cs -> ev.add(cs.process()
                                            .model()
                                            .sigaction(SIGUSR1)
                                            .toString()));
                            eq(List.of(SigAction.DEFAULT.toString()), ev.list(), "SIGUSR1's action after exec");
                        }))
                .choice(CHOICE);
        c.test(
                        "IgnorePreserved",
                        "an ignored signal stays ignored in the new image",
                        lab -> lab.runOk(sys -> {
                            sys.sigaction(SIGUSR1, SigAction.IGNORE);
                            final Events ev = new Events();
                            execAndCheck(
                                    sys,
                                    cs -> ev.add(String.valueOf(cs.process()
                                            .model()
                                            .sigaction(SIGUSR1)
                                            .isIgnored())));
                            eq(List.of("true"), ev.list(), "SIGUSR1 ignored after exec");
                        }))
                .choice(CHOICE);
        c.test(
                        "SignalMask",
                        "the signal mask is kept across exec",
                        lab -> lab.runOk(sys -> {
                            sys.sigprocmask(MaskHow.BLOCK, SignalSet.of(SIGUSR1));
                            final Events ev = new Events();
                            execAndCheck(sys, cs -> {
                                that(cs.mask().contains(SIGUSR1), "SIGUSR1 blocked after exec");
                                ev.add("checked");
                            });
                            eq(List.of("checked"), ev.list(), "the workload ran its check");
                        }))
                .choice(CHOICE);
        c.notApplicable(
                "ItimerPreserved",
                "an interval timer keeps running across exec",
                "timers (setitimer): the engine has no timer that sends signals");

        final Cases fpFork = new Cases(Suite.GVISOR, "fpsig_fork", out);
        fpFork.notApplicable("Fork", "FP registers changed in a handler do not leak into a forked child", FP);
        fpFork.notApplicable("ForkWithZeroMxcsr", "a child forked with MXCSR zero restores it after a signal", FP);
        new Cases(Suite.GVISOR, "fpsig_nested", out)
                .notApplicable("NestedSignals", "FP state is saved and restored" + " across nested handlers", FP);
        final Cases fpMut = new Cases(Suite.GVISOR, "fpsig_mut_amd64", out);
        fpMut.notApplicable(
                "StateInFrame", "the FP state in the frame is the interrupted one and sigreturn loads it", FP);
        fpMut.notApplicable(
                "DISABLED_XFeaturesInFrame",
                "the frame's XSAVE header lists the saved feature sets",
                FP + "; the test is disabled in gVisor itself");

        final Cases clone = new Cases(Suite.GVISOR, "fork", out);
        clone.notApplicable(
                "Clone3ClearSighand",
                "CLONE_CLEAR_SIGHAND resets every handler to SIG_DFL in the child",
                "clone3 and its flags: the engine's fork always copies the actions");
    }
}
