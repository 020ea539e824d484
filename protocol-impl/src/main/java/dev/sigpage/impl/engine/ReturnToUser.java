package dev.sigpage.impl.engine;

import dev.sigpage.api.Delivery;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.Signals;
import dev.sigpage.frames.Aarch64Registers;
import dev.sigpage.frames.FrameRefusedException;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.frames.Riscv64Registers;
import dev.sigpage.frames.X86_64Registers;
import dev.sigpage.impl.KernelDiversion;
import dev.sigpage.impl.ModelThread;
import dev.sigpage.impl.ThreadExitedException;
import java.util.Arrays;

/**
 * The return to user of one thread: the only place where signals are acted on. It loops until nothing is
 * deliverable: it holds the thread while its process is stopped, lets the core claim the next signal and apply its
 * action to the page ({@link ModelThread#deliver}), then acts on it: a default action on the whole process, or a
 * handler with its frame pushed, run, and popped by sigreturn (which restores the mask). It returns a
 * {@link UserReturn} of what ran.
 *
 * <p>Where the profile has the kernel divert deliveries (Redox), a delivery is a diversion ({@link KernelDiversion}):
 * the kernel sets the thread's inhibit flag and saves the interrupted instruction pointer and architecture register,
 * the trampoline claims the signal and clears the flag once the handler's mask is in place, sets it again when the
 * handler returns and clears it after sigreturn.
 *
 * <p>The common case takes no lock and allocates nothing: a volatile read of the run state and of the thread's
 * words, and nothing is due. A delivery takes no lock either beyond the protocol's atomics, and in steady state
 * allocates nothing: the {@link Delivery} record, the {@link HandlerContext} and the machine's {@link FrameView} are
 * reused by nesting depth, and a handler without {@code SA_SIGINFO} gets a shared siginfo of its signal (one with
 * it gets a fresh copy of the claimed siginfo).
 */
final class ReturnToUser {
    private final Sys sys;
    private final EngineProcess process;
    private final UserThread user;
    private final ModelThread thread;
    private final HandlerTable handlers;
    private final boolean diverts;
    private Machine machine;
    private int handlerDepth;
    // reused by nesting depth: deliveries[k] and contexts[k] serve the handler run at depth k + 1.
    private Delivery[] deliveries = new Delivery[1];
    private HandlerContext[] contexts = new HandlerContext[1];
    // the siginfo of a handler without SA_SIGINFO: only the signal number (immutable, shared).
    private static final SigInfo[] PLAIN_INFO = plainInfo();

    ReturnToUser(final Sys sys, final EngineProcess process, final UserThread user) {
        this.sys = sys;
        this.process = process;
        this.user = user;
        this.thread = user.model();
        this.handlers = process.engine().handlers();
        this.diverts = process.engine().kernel().rules().kernelDivertsDelivery();
    }

    Machine machine() {
        return machine;
    }

    void machine(final Machine next) {
        this.machine = next;
    }

    int handlerDepth() {
        return handlerDepth;
    }

    private static SigInfo[] plainInfo() {
        final SigInfo[] out = new SigInfo[Signals.NSIG + 1];
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            out[sig] = new SigInfo(sig, 0, 0, 0, 0L);
        }
        return out;
    }

    /** The delivery record for a handler run at the next depth, reused once that depth's handler has returned. */
    private Delivery nextDelivery() {
        if (handlerDepth >= deliveries.length) {
            deliveries = Arrays.copyOf(deliveries, 2 * handlerDepth);
        }
        Delivery d = deliveries[handlerDepth];
        if (d == null) {
            d = new Delivery();
            deliveries[handlerDepth] = d;
        }
        return d;
    }

    /** The context of the handler run at {@code depth} (1 for the outermost). */
    private HandlerContext context(final int depth) {
        if (depth > contexts.length) {
            contexts = Arrays.copyOf(contexts, 2 * depth);
        }
        HandlerContext c = contexts[depth - 1];
        if (c == null) {
            c = new HandlerContext(sys, depth);
            contexts[depth - 1] = c;
        }
        return c;
    }

    /** Delivers every deliverable signal (nested deliveries included) unless delivery is inhibited. */
    UserReturn run() {
        UserReturn done = UserReturn.NOTHING;
        while (true) {
            process.awaitRunnable(user);
            final Delivery d;
            final int sig;
            try {
                if (!thread.deliveryDue()) {
                    return done;
                }
                d = nextDelivery();
                sig = diverts ? divertAndDeliver(d) : thread.deliver(d);
            } catch (final ThreadExitedException exited) {
                throw ended();
            }
            if (sig == 0) {
                return done;
            }
            done = done.then(act(sig, d));
        }
    }

    /** The kernel's diversion, then the trampoline's delivery under the kernel's flag. */
    private int divertAndDeliver(final Delivery d) {
        final RegisterFile regs = machine == null ? null : machine.registers();
        if (!KernelDiversion.divert(thread, savedIp(regs), savedArchRegister(regs))) {
            return 0;
        }
        return KernelDiversion.deliver(thread, d);
    }

    /** What the kernel saves in {@code saved_ip}: the interrupted pc (0 without a machine). */
    private static long savedIp(final RegisterFile regs) {
        if (regs == null) {
            return 0;
        }
        return switch (regs.arch()) {
            case X86_64 -> ((X86_64Registers) regs).rip();
            case AARCH64 -> ((Aarch64Registers) regs).pc();
            case RISCV64 -> ((Riscv64Registers) regs).pc();
        };
    }

    /** What the kernel saves in {@code saved_archdep_reg}: rflags, x0 or t0 (0 without a machine). */
    private static long savedArchRegister(final RegisterFile regs) {
        if (regs == null) {
            return 0;
        }
        return switch (regs.arch()) {
            case X86_64 -> ((X86_64Registers) regs).rflags();
            case AARCH64 -> ((Aarch64Registers) regs).x(0);
            case RISCV64 -> ((Riscv64Registers) regs).t(0);
        };
    }

    /** Acts on a signal the core claimed and applied to the page: its default action, or its handler. */
    UserReturn act(final int sig, final Delivery d) {
        user.at("deliver:", Signals.name(sig));
        if (d.isDefault()) {
            return defaultAction(sig);
        }
        final SignalHandler handler = handlers.lookup(d.handler());
        if (handler == null) {
            // a jump to an address with no code: the thread faults.
            throw fatal(Signals.SIGSEGV);
        }
        final int flags = d.flags();
        final SigInfo info = (flags & SaFlags.SA_SIGINFO) != 0 ? d.info().toSigInfo() : PLAIN_INFO[sig];
        if (!thread.isAlive()) {
            throw ended();
        }
        final long handlerMask = thread.maskBits();
        final Machine onMachine = machine;
        final FrameView frame = onMachine == null ? null : pushFrame(sig, d);
        handlerDepth++;
        try {
            handler.handle(sig, info, context(handlerDepth).set(sig, info, handlerMask, frame));
        } catch (final RuntimeException e) {
            if (!thread.isAlive() || process.isEnded()) {
                throw ended();
            }
            // an escape from the handler (a longjmp that saved the mask): restore the mask, keep the exception.
            if (frame != null) {
                onMachine.abandon(frame);
            }
            sigreturn(d);
            throw e;
        } finally {
            handlerDepth--;
        }
        if (process.isEnded()) {
            // SIGKILL (or an exit) ended the process while the handler ran: there is nothing to return to.
            throw ended();
        }
        user.at("sigreturn:", Signals.name(sig));
        // the trampoline inhibits delivery from the handler's return until it is back at saved_ip.
        final boolean trampolineInhibits = diverts && thread.inhibitDepth() == 0;
        if (trampolineInhibits) {
            handlerReturned();
        }
        if (frame != null) {
            final long frameMask = popFrame(onMachine, frame);
            if (frameMask != d.savedMask()) {
                // the handler changed uc_sigmask in its frame: the frame's mask is the one sigreturn restores.
                d.set(d.handler(), d.flags(), frameMask, d.onAltStack(), d.altStackTop());
            }
        }
        sigreturn(d);
        if (trampolineInhibits) {
            resumed();
        }
        return UserReturn.handler((flags & SaFlags.SA_RESTART) != 0);
    }

    private FrameView pushFrame(final int sig, final Delivery d) {
        final boolean onAlt = d.onAltStack() || thread.onAltStack();
        final FrameView frame =
                machine.push(sig, d.handler(), d.savedMask(), d.onAltStack() ? d.altStackTop() : 0, onAlt);
        if (frame == null) {
            throw fatal(Signals.SIGSEGV);
        }
        return frame;
    }

    private long popFrame(final Machine onMachine, final FrameView frame) {
        try {
            return onMachine.sigreturn(frame);
        } catch (final FrameRefusedException refused) {
            throw fatal(Signals.SIGSEGV);
        }
    }

    private void sigreturn(final Delivery d) {
        try {
            thread.sigreturn(d);
        } catch (final ThreadExitedException exited) {
            throw ended();
        }
    }

    private void handlerReturned() {
        try {
            KernelDiversion.handlerReturned(thread);
        } catch (final ThreadExitedException exited) {
            throw ended();
        }
    }

    private void resumed() {
        try {
            KernelDiversion.resumed(thread);
        } catch (final ThreadExitedException exited) {
            throw ended();
        }
    }

    private UserReturn defaultAction(final int sig) {
        return switch (Signals.defaultAction(sig)) {
            case TERMINATE -> throw fatal(sig);
            case STOP -> {
                process.stop(sig);
                process.awaitRunnable(user);
                yield UserReturn.NOTHING;
            }
            case IGNORE, CONTINUE -> UserReturn.NOTHING;
        };
    }

    /** Ends the process by a signal; the returned error unwinds the thread. */
    ThreadTerminated fatal(final int sig) {
        process.end(new ProcessEvent(ProcessEvent.Kind.KILLED, process.pid(), sig));
        return new ThreadTerminated(process.pid());
    }

    /** The thread's process has ended (SIGKILL, an exit, the last thread): records it, and unwinds the thread. */
    ThreadTerminated ended() {
        process.endIfModelEnded();
        return new ThreadTerminated(process.pid());
    }

    /**
     * What a failure inside a call means: if the thread or its process has ended meanwhile (a SIGKILL between the
     * engine's check and the core operation), the end of the thread, never an error of the call.
     */
    RuntimeException failed(final RuntimeException e) {
        if (!thread.isAlive() || process.isEnded()) {
            throw ended();
        }
        return e;
    }
}
