package dev.sigpage.conformance.gvisor;

import static dev.sigpage.api.Signals.SIGSEGV;
import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.api.Signals.SIGVTALRM;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.that;
import static dev.sigpage.conformance.Machines.ALT_BASE;
import static dev.sigpage.conformance.Machines.ALT_SIZE;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Errno;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Machines;
import dev.sigpage.conformance.Suite;
import dev.sigpage.frames.Arch;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.impl.engine.EngineProcess;
import dev.sigpage.impl.engine.FrameView;
import dev.sigpage.impl.engine.Machine;
import dev.sigpage.impl.engine.ProcessEvent;
import dev.sigpage.impl.engine.UserStack;
import java.util.ArrayList;
import java.util.List;

/**
 * gVisor's {@code sigaltstack.cc}, {@code sigreturn_amd64.cc}, {@code sigreturn_arm64.cc}, and
 * {@code fork.cc}'s alternate-stack test: frames on modelled stacks (a {@link Machine}). A fault is modelled by the
 * SIGSEGV the process sends itself, since Java code cannot fault.
 */
final class Stacks {
    private static final AltStack ALT = new AltStack(ALT_BASE, ALT_SIZE, 0);

    private Stacks() {}

    static void addTo(final List<Case> out) {
        sigaltstack(new Cases(Suite.GVISOR, "sigaltstack", out));
        sigreturn(new Cases(Suite.GVISOR, "sigreturn_amd64", out), new Cases(Suite.GVISOR, "sigreturn_arm64", out));
        final Cases fork = new Cases(Suite.GVISOR, "fork", out);
        fork.test(
                "SigAltStack",
                "a forked child has the parent's alternate stack (and is not on it)",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(ALT);
                    final Events ev = new Events();
                    final EngineProcess child =
                            sys.fork(cs -> ev.add(cs.sigaltstack(null).toString()));
                    eq(ProcessEvent.Kind.EXITED, sys.waitpid(child).kind(), "child's end");
                    eq(List.of(ALT.toString()), ev.list(), "child's alternate stack");
                }));
    }

    private static void sigaltstack(final Cases c) {
        c.test(
                "Success",
                "an SA_ONSTACK|SA_SIGINFO handler sees SS_ONSTACK and its sigaltstack query succeeds",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(ALT);
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) ->
                                    ev.add("flags " + x.sys().sigaltstack(null).flags()),
                            SignalSet.full(),
                            SaFlags.SA_SIGINFO | SaFlags.SA_ONSTACK);
                    sys.tgkill(sys.pid(), sys.tid(), SIGUSR1);
                    eq(List.of("flags " + AltStack.SS_ONSTACK), ev.list(), "handler");
                }));
        c.test(
                        "ResetByExecve",
                        "a program started by execve finds no alternate stack",
                        lab -> lab.runOk(sys -> {
                            sys.sigaltstack(ALT);
                            final Events ev = new Events();
                            final EngineProcess child = sys.fork(cs -> {
                                // the child inherits the stack (gvisor.fork.SigAltStack), then execs.
                                cs.process().model().exec(cs.thread());
                                ev.add(cs.sigaltstack(null).toString());
                            });
                            eq(ProcessEvent.Kind.EXITED, sys.waitpid(child).kind(), "child's end");
                            eq(List.of(AltStack.DISABLED.toString()), ev.list(), "alternate stack after execve");
                        }))
                .choice("the engine has no program images: execve is the model's exec of"
                        + " the child, then the check sigaltstack_check makes.");
        c.test(
                        "WalksOffBottom",
                        "nested SA_NODEFER handlers on the alternate stack go down it, each on it, and the"
                                + " one whose frame no longer fits ends the process with SIGSEGV",
                        lab -> {
                            final List<Long> frames = new ArrayList<>();
                            final Events ev = new Events();
                            final ProcessEvent end = lab.run(sys -> {
                                Machines.x86(sys);
                                sys.sigaltstack(ALT);
                                sys.sigaction(
                                        SIGSEGV,
                                        (s, i, x) -> {
                                            final FrameView f = x.frame().orElseThrow();
                                            frames.add(f.address());
                                            ev.add("on "
                                                    + x.sys().sigaltstack(null).isOnStack());
                                            x.sys().raise(SIGSEGV);
                                        },
                                        SignalSet.empty(),
                                        SaFlags.SA_SIGINFO | SaFlags.SA_ONSTACK | SaFlags.SA_NODEFER);
                                sys.raise(SIGSEGV);
                            });
                            eq(new ProcessEvent(ProcessEvent.Kind.KILLED, end.pid(), SIGSEGV), end, "end");
                            that(frames.size() >= 2, "several nested frames: " + frames.size());
                            for (int i = 0; i < frames.size(); i++) {
                                final long f = frames.get(i);
                                that(
                                        f >= ALT_BASE && f < ALT_BASE + ALT_SIZE,
                                        "frame " + i + " on the alternate stack: 0x" + Long.toHexString(f));
                                that(i == 0 || f < frames.get(i - 1), "frame " + i + " below the previous one");
                            }
                            eq(frames.size(), ev.count("on true"), "handlers that saw SS_ONSTACK");
                        })
                .choice("the fault is a SIGSEGV the handler raises (Java cannot fault); the frame that does not fit in"
                        + " mapped memory is the fatal SIGSEGV, as on Linux.");
        c.test(
                "SetWhileOnStack",
                "a handler running on the alternate stack cannot install another one: EPERM",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(new AltStack(ALT_BASE, ALT_SIZE, 0));
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGSEGV,
                            (s, i, x) -> {
                                fails(
                                        Errno.EPERM,
                                        () -> x.sys().sigaltstack(new AltStack(0x6000_0000L, 0x4000, 0)),
                                        "sigaltstack in the handler");
                                ev.add("EPERM");
                            },
                            SignalSet.empty(),
                            SaFlags.SA_SIGINFO | SaFlags.SA_ONSTACK);
                    sys.raise(SIGSEGV);
                    eq(List.of("EPERM"), ev.list(), "handler");
                }));
        c.test(
                        "SetCurrentStack",
                        "an alternate stack declared around the current stack pointer reads back SS_ONSTACK"
                                + " and can then be neither changed nor disabled (EPERM)",
                        lab -> lab.runOk(sys -> {
                            final Machine m = Machines.x86(sys);
                            final long sp = m.stackPointer();
                            sys.sigaltstack(new AltStack(sp - 0x1000, 0x2000, 0));
                            final AltStack now = sys.sigaltstack(null);
                            that(now.isOnStack(), "SS_ONSTACK with the stack pointer inside: " + now);
                            fails(Errno.EPERM, () -> sys.sigaltstack(new AltStack(sp - 0x1000, 0x2000, 0)), "change");
                            fails(Errno.EPERM, () -> sys.sigaltstack(AltStack.DISABLED), "disable");
                        }))
                .failsWith("SS_ONSTACK with the stack pointer inside")
                .choice("the model knows it is on the alternate"
                        + " stack only through a delivery that switched to it; Linux (and POSIX's wording, 'currently executing"
                        + " on') decide by the stack pointer.");
    }

    private static void sigreturn(final Cases c, final Cases arm) {
        c.test(
                        "CheckRcxR11",
                        "values a handler writes into the saved rcx and r11 are the registers after sigreturn"
                                + " (x86-64)",
                        lab -> lab.runOk(sys -> {
                            final long rcx = 0x1234_5678_9abc_def0L;
                            final long r11 = 0x0fed_cba9_8765_4321L;
                            final Machine m = Machines.x86(sys);
                            m.setRegisters(m.registers().with("rcx", rcx).with("r11", r11));
                            sys.sigaction(
                                    SIGVTALRM,
                                    (s, i, x) -> {
                                        final FrameView f = x.frame().orElseThrow();
                                        eq(rcx, f.saved("rcx"), "saved rcx");
                                        eq(r11, f.saved("r11"), "saved r11");
                                        f.setSaved("rcx", ~rcx);
                                        f.setSaved("r11", ~r11);
                                    },
                                    SignalSet.full(),
                                    SaFlags.SA_SIGINFO);
                            sys.raise(SIGVTALRM);
                            eq(~rcx, m.registers().get("rcx"), "rcx after sigreturn");
                            eq(~r11, m.registers().get("r11"), "r11 after sigreturn");
                        }))
                .choice("the signal is raised instead of coming from ITIMER_VIRTUAL (no timers); the check is on the"
                        + " registers sigreturn restores.");
        c.test(
                        "BadHandler",
                        "a handler address with no code behind it kills the child with SIGSEGV",
                        lab -> lab.runOk(sys -> {
                            sys.sigaction(
                                    SIGUSR1,
                                    SigAction.handler(0x00cc_cc00_0000_0000L, SignalSet.empty(), SaFlags.SA_SIGINFO));
                            final EngineProcess child = sys.fork(cs -> {
                                while (true) {
                                    cs.sigsuspend(cs.mask());
                                }
                            });
                            sys.kill(child.pid(), SIGUSR1);
                            eq(
                                    new ProcessEvent(ProcessEvent.Kind.KILLED, child.pid(), SIGSEGV),
                                    sys.waitpid(child),
                                    "event");
                        }))
                .choice("gVisor's address 0xCCCC000000000000 is non-canonical; the page stores handler addresses below"
                        + " 2^57, so the scenario uses 0x00CCCC0000000000, an address with no handler registered.");
        arm.test(
                "CheckX7",
                "a value a handler writes into the saved x7 is the register after sigreturn (AArch64)",
                lab -> lab.runOk(sys -> {
                    final long x7 = 0x7777_0000_1111_2222L;
                    final Machine m = new Machine(
                            RegisterFile.zero(Arch.AARCH64)
                                    .with("pc", 0x40_1000L)
                                    .with("x7", x7),
                            UserStack.map(Machines.STACK_BASE, Machines.STACK_SIZE));
                    sys.attachMachine(m);
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> {
                                final FrameView f = x.frame().orElseThrow();
                                eq(x7, f.saved("x7"), "saved x7");
                                f.setSaved("x7", ~x7);
                            },
                            SignalSet.empty(),
                            SaFlags.SA_SIGINFO);
                    sys.raise(SIGUSR1);
                    eq(~x7, m.registers().get("x7"), "x7 after sigreturn");
                }));
    }
}
