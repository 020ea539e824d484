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
 * words, and nothing is due.
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
                d = new Delivery();
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
        final SigInfo info = (flags & SaFlags.SA_SIGINFO) != 0 ? d.info().toSigInfo() : new SigInfo(sig, 0, 0, 0, 0L);
        final RegisterFile interrupted = machine == null ? null : machine.registers();
        final FrameView frame = machine == null ? null : pushFrame(sig, d);
        handlerDepth++;
        try {
            handler.handle(sig, info, new HandlerContext(sys, sig, info, thread.mask(), frame, handlerDepth));
        } catch (final RuntimeException e) {
            if (!thread.isAlive() || process.isEnded()) {
                throw ended();
            }
            // an escape from the handler (a longjmp that saved the mask): restore the mask, keep the exception.
            if (frame != null) {
                machine.setRegisters(interrupted);
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
            core(() -> KernelDiversion.handlerReturned(thread));
        }
        if (frame != null) {
            final long frameMask = popFrame(frame);
            if (frameMask != d.savedMask()) {
                // the handler changed uc_sigmask in its frame: the frame's mask is the one sigreturn restores.
                d.set(d.handler(), d.flags(), frameMask, d.onAltStack(), d.altStackTop());
            }
        }
        sigreturn(d);
        if (trampolineInhibits) {
            core(() -> KernelDiversion.resumed(thread));
        }
        return UserReturn.handler((flags & SaFlags.SA_RESTART) != 0);
    }

    private FrameView pushFrame(final int sig, final Delivery d) {
        final boolean onAlt = d.onAltStack() || thread.sigaltstack(null).isOnStack();
        final FrameView frame =
                machine.push(sig, d.handler(), d.savedMask(), d.onAltStack() ? d.altStackTop() : 0, onAlt);
        if (frame == null) {
            throw fatal(Signals.SIGSEGV);
        }
        return frame;
    }

    private long popFrame(final FrameView frame) {
        try {
            return machine.sigreturn(frame);
        } catch (final FrameRefusedException refused) {
            throw fatal(Signals.SIGSEGV);
        }
    }

    private void sigreturn(final Delivery d) {
        core(() -> thread.sigreturn(d));
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

    private void core(final Runnable op) {
        try {
            op.run();
        } catch (final ThreadExitedException exited) {
            throw ended();
        }
    }
}
