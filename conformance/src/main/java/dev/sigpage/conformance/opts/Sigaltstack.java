package dev.sigpage.conformance.opts;

import static dev.sigpage.api.Signals.SIGUSR1;
import static dev.sigpage.conformance.Check.eq;
import static dev.sigpage.conformance.Check.fails;
import static dev.sigpage.conformance.Check.that;
import static dev.sigpage.conformance.Machines.ALT_BASE;
import static dev.sigpage.conformance.Machines.ALT_SIZE;

import dev.sigpage.api.AltStack;
import dev.sigpage.api.Errno;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SignalSet;
import dev.sigpage.conformance.Case;
import dev.sigpage.conformance.Cases;
import dev.sigpage.conformance.Events;
import dev.sigpage.conformance.Machines;
import dev.sigpage.conformance.Suite;
import dev.sigpage.impl.engine.FrameView;
import java.util.List;

/** {@code sigaltstack}: assertions of the Open POSIX Test Suite's {@code sigaltstack/assertions.xml}. */
final class Sigaltstack {
    private static final AltStack ALT = new AltStack(ALT_BASE, ALT_SIZE, 0);

    private Sigaltstack() {}

    static void addTo(final List<Case> out) {
        final Cases c = new Cases(Suite.OPTS, "sigaltstack", out);

        c.test(
                "1",
                "a thread defines and examines its alternate stack; handlers declared for it run on it",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(ALT);
                    eq(ALT, sys.sigaltstack(null), "stack read back");
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) ->
                                    ev.add("on " + x.sys().sigaltstack(null).isOnStack()),
                            SignalSet.empty(),
                            SaFlags.SA_ONSTACK);
                    sys.raise(SIGUSR1);
                    eq(List.of("on true"), ev.list(), "handler on the alternate stack");
                }));

        c.test(
                "2",
                "SS_DISABLE disables the stack; ss_sp and ss_size are then ignored",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(ALT);
                    sys.sigaltstack(new AltStack(12345, 7, AltStack.SS_DISABLE));
                    that(sys.sigaltstack(null).isDisabled(), "disabled");
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) ->
                                    ev.add("on " + x.sys().sigaltstack(null).isOnStack()),
                            SignalSet.empty(),
                            SaFlags.SA_ONSTACK);
                    sys.raise(SIGUSR1);
                    eq(List.of("on false"), ev.list(), "SA_ONSTACK handler with the stack disabled");
                }));

        c.test(
                "3",
                "without SS_DISABLE the stack is enabled with the given address and size",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(new AltStack(ALT_BASE + 0x100, 4 * AltStack.MINSIGSTKSZ, 0));
                    final AltStack now = sys.sigaltstack(null);
                    eq(ALT_BASE + 0x100, now.base(), "ss_sp");
                    eq(4 * AltStack.MINSIGSTKSZ, now.size(), "ss_size");
                    that(!now.isDisabled(), "enabled");
                }));

        c.test(
                "4",
                "the memory from ss_sp up to ss_sp + ss_size is what the handler's frame uses",
                lab -> lab.runOk(sys -> {
                    Machines.x86(sys);
                    sys.sigaltstack(ALT);
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> {
                                final FrameView f = x.frame().orElseThrow();
                                ev.add(Boolean.toString(f.address() >= ALT_BASE
                                        && f.address() + f.arch().frameLength() <= ALT_BASE + ALT_SIZE));
                            },
                            SignalSet.empty(),
                            SaFlags.SA_ONSTACK);
                    sys.raise(SIGUSR1);
                    eq(List.of("true"), ev.list(), "frame inside [ss_sp, ss_sp + ss_size)");
                }));

        c.test(
                "5",
                "on success oss receives the stack in effect before the call, its address and size",
                lab -> lab.runOk(sys -> {
                    eq(AltStack.DISABLED, sys.sigaltstack(ALT), "oss of the first call");
                    final AltStack second = new AltStack(ALT_BASE + 0x800, AltStack.MINSIGSTKSZ, 0);
                    eq(ALT, sys.sigaltstack(second), "oss of the second call");
                    eq(second, sys.sigaltstack(null), "oss of a query");
                }));

        c.test(
                "6",
                "SS_ONSTACK read back means the thread runs on the alternate stack now",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(ALT);
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> ev.add(
                                    Integer.toString(x.sys().sigaltstack(null).flags())),
                            SignalSet.empty(),
                            SaFlags.SA_ONSTACK);
                    eq(0, sys.sigaltstack(null).flags(), "flags outside the handler");
                    sys.raise(SIGUSR1);
                    eq(List.of(Integer.toString(AltStack.SS_ONSTACK)), ev.list(), "flags inside the handler");
                }));

        c.test(
                "7",
                "changing the alternate stack while running on it fails",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(ALT);
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> {
                                fails(
                                        Errno.EPERM,
                                        () -> x.sys().sigaltstack(new AltStack(ALT_BASE, 2 * ALT_SIZE, 0)),
                                        "sigaltstack on the stack");
                                ev.add("refused");
                            },
                            SignalSet.empty(),
                            SaFlags.SA_ONSTACK);
                    sys.raise(SIGUSR1);
                    eq(List.of("refused"), ev.list(), "handler");
                    eq(ALT, sys.sigaltstack(null), "stack unchanged");
                }));

        c.test(
                "8",
                "SS_DISABLE read back means no alternate stack is in force (the initial state)",
                lab -> lab.runOk(sys -> {
                    that(sys.sigaltstack(null).isDisabled(), "initially disabled");
                    sys.sigaltstack(ALT);
                    sys.sigaltstack(AltStack.DISABLED);
                    that(sys.sigaltstack(null).isDisabled(), "disabled again");
                }));

        c.test(
                "9",
                "a new process image (after exec) has no alternate stack",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(ALT);
                    // exec of the model process: the engine has no program images, the model keeps the signal state.
                    sys.process().model().exec(sys.thread());
                    that(sys.sigaltstack(null).isDisabled(), "alternate stack after exec: " + sys.sigaltstack(null));
                }));

        c.test(
                "10",
                "sigaltstack returns 0 on success",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(ALT);
                    sys.sigaltstack(null);
                    sys.sigaltstack(AltStack.DISABLED);
                }));

        c.test(
                        "11",
                        "sigaltstack fails with EINVAL when ss_flags holds a flag other than SS_DISABLE",
                        lab -> lab.runOk(sys -> {
                            for (final int flags : new int[] {AltStack.SS_ONSTACK, 4, 0x100, -1}) {
                                fails(
                                        Errno.EINVAL,
                                        () -> sys.sigaltstack(new AltStack(ALT_BASE, ALT_SIZE, flags)),
                                        "ss_flags=" + flags);
                            }
                            that(sys.sigaltstack(null).isDisabled(), "stack unchanged by the failures");
                        }))
                .choice("SS_ONSTACK given in ss_flags is refused with EINVAL; Linux accepts it (and ignores it) for"
                        + " old binaries. POSIX lists only SS_DISABLE as valid.");

        c.test(
                "12",
                "sigaltstack fails with ENOMEM when ss_size is below MINSIGSTKSZ",
                lab -> lab.runOk(sys -> {
                    fails(
                            Errno.ENOMEM,
                            () -> sys.sigaltstack(new AltStack(ALT_BASE, AltStack.MINSIGSTKSZ - 1, 0)),
                            "ss_size=MINSIGSTKSZ-1");
                    fails(Errno.ENOMEM, () -> sys.sigaltstack(new AltStack(ALT_BASE, 0, 0)), "ss_size=0");
                    that(sys.sigaltstack(null).isDisabled(), "stack unchanged");
                    sys.sigaltstack(new AltStack(ALT_BASE, AltStack.MINSIGSTKSZ, 0));
                }));

        c.test(
                "13",
                "sigaltstack fails with EPERM on an attempt to change the stack in use",
                lab -> lab.runOk(sys -> {
                    sys.sigaltstack(ALT);
                    final Events ev = new Events();
                    sys.sigaction(
                            SIGUSR1,
                            (s, i, x) -> {
                                fails(Errno.EPERM, () -> x.sys().sigaltstack(AltStack.DISABLED), "disable while on it");
                                ev.add("EPERM");
                            },
                            SignalSet.empty(),
                            SaFlags.SA_ONSTACK);
                    sys.raise(SIGUSR1);
                    eq(List.of("EPERM"), ev.list(), "handler");
                }));
    }
}
