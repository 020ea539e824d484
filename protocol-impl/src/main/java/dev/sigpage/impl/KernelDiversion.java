package dev.sigpage.impl;

import static dev.sigpage.api.ThreadControlDescriptor.INHIBIT_DELIVERY_FLAG;

import dev.sigpage.api.Delivery;

/**
 * The life cycle of the inhibit-delivery flag around a diversion, as Redox runs it (kernel
 * {@code src/context/signal.rs} at {@code 663e66410bac}: {@code signal_handler}; relibc's trampoline):
 *
 * <ol>
 * <li>{@link #divert}: the kernel, returning to a thread with a deliverable signal and the flag clear, points the
 * thread at the trampoline, saves the interrupted instruction pointer and one architecture register (rflags,
 * x0 or t0) in {@code saved_ip} and {@code saved_archdep_reg}, and sets the flag itself;</li>
 * <li>{@link #handlerMaskInPlace}: the trampoline clears the flag once the handler's mask is installed;</li>
 * <li>{@link #handlerReturned}: it sets the flag again after the handler, until it has restored the mask and
 * returned to {@code saved_ip} ({@link #resumed} clears it).</li>
 * </ol>
 *
 * <p>The nesting depth of libc's own inhibit sections lives in thread-local storage, not in the page
 * ({@link ModelThread#inhibitDelivery()} keeps it on the Java side); these steps write only the flag word and the
 * two saved registers. The calls of steps 2-4 are the owner's, step 1 the kernel's while the owner is not running.
 */
public final class KernelDiversion {
    private KernelDiversion() {}

    /**
     * The kernel's decision at a return to user mode.
     *
     * @param thread     the thread about to return
     * @param ip         its interrupted instruction pointer
     * @param archRegister its rflags (x86-64), x0 (AArch64) or t0 (RISC-V)
     * @return true if the thread was diverted (flag set, registers saved); false if nothing is deliverable or the
     *     flag was already set (nothing written)
     * @throws IllegalStateException if the thread has exited
     */
    public static boolean divert(final ModelThread thread, final long ip, final long archRegister) {
        thread.checkAlive();
        if (thread.deliverableBits() == 0) {
            return false;
        }
        final ThreadControl control = thread.control;
        final long flags = control.controlFlags();
        if ((flags & INHIBIT_DELIVERY_FLAG) != 0) {
            return false;
        }
        control.putSavedIp(ip);
        control.putSavedArchRegister(archRegister);
        control.putControlFlags(flags | INHIBIT_DELIVERY_FLAG);
        return true;
    }

    /**
     * The trampoline's delivery after {@link #divert}: claims the next deliverable signal and applies its action to
     * the pages (the handler's mask installed) while the kernel's flag is set, then clears the flag (step 2). The
     * flag keeps every other delivery out meanwhile; this one is the diversion's own.
     *
     * @param thread   the diverted thread (its owner calls)
     * @param delivery receives what was delivered, as {@link ModelThread#deliver}
     * @return the signal, or 0 if nothing was left to claim (another thread took a process-directed signal)
     * @throws IllegalStateException if the thread has exited, or was not diverted (the flag is clear)
     */
    public static int deliver(final ModelThread thread, final Delivery delivery) {
        thread.checkAlive();
        if ((thread.control.controlFlags() & INHIBIT_DELIVERY_FLAG) == 0) {
            throw new IllegalStateException("a diverted delivery needs the kernel's inhibit flag: tid=" + thread.tid);
        }
        final int sig = thread.deliverClaimed(delivery, thread.maskBits());
        handlerMaskInPlace(thread);
        return sig;
    }

    /**
     * The trampoline has installed the handler's mask: delivery is allowed again.
     *
     * @param thread the thread (its owner calls)
     */
    public static void handlerMaskInPlace(final ModelThread thread) {
        thread.checkAlive();
        final ThreadControl control = thread.control;
        control.putControlFlags(control.controlFlags() & ~INHIBIT_DELIVERY_FLAG);
    }

    /**
     * The handler has returned into the trampoline: delivery is inhibited while it restores the mask.
     *
     * @param thread the thread (its owner calls)
     */
    public static void handlerReturned(final ModelThread thread) {
        thread.checkAlive();
        final ThreadControl control = thread.control;
        control.putControlFlags(control.controlFlags() | INHIBIT_DELIVERY_FLAG);
    }

    /**
     * The trampoline has restored the mask and jumps back to {@code saved_ip}: delivery is allowed.
     *
     * @param thread the thread (its owner calls)
     * @return the saved instruction pointer it resumes at
     */
    public static long resumed(final ModelThread thread) {
        handlerMaskInPlace(thread);
        return thread.control.savedIp();
    }
}
