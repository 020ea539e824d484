package dev.sigpage.frames;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a Linux delivery needs beyond the register file: the handler's {@code sa_flags} and {@code sa_mask}, the
 * thread's alternate stack, the siginfo, whether the thread is returning from a system call (for the restart
 * bookkeeping), the thread's sticky fault information, the x86-64 segment selectors and the machine's FP/vector
 * features. Immutable; built with {@link #builder()}.
 */
public final class LinuxSignalContext {
    /** {@code SA_SIGINFO}. */
    public static final long SA_SIGINFO = 0x4;
    /** {@code SA_ONSTACK}. */
    public static final long SA_ONSTACK = 0x0800_0000;
    /** {@code SA_RESTART}. */
    public static final long SA_RESTART = 0x1000_0000;
    /** {@code SA_NODEFER}. */
    public static final long SA_NODEFER = 0x4000_0000;
    /** {@code SA_RESTORER} (x86-64 and AArch64). */
    public static final long SA_RESTORER = 0x0400_0000;
    /** {@code __USER_CS}: the 64-bit user code selector. */
    public static final int USER_CS = 0x33;
    /** {@code __USER_DS}: the user data and stack selector. */
    public static final int USER_DS = 0x2b;

    private final long saFlags;
    private final long saMask;
    private final LinuxAltStack altStack;
    private final LinuxSigInfo sigInfo;
    private final OptionalLong syscallOrigin;
    private final long faultAddress;
    private final long errorCode;
    private final long trapNumber;
    private final int cs;
    private final int ss;
    private final X86_64XsaveFeatures xsave;
    private final int sveVectorLength;

    private LinuxSignalContext(final Builder b) {
        saFlags = b.saFlags;
        saMask = b.saMask;
        altStack = b.altStack;
        sigInfo = b.sigInfo;
        syscallOrigin = b.syscallOrigin;
        faultAddress = b.faultAddress;
        errorCode = b.errorCode;
        trapNumber = b.trapNumber;
        cs = b.cs;
        ss = b.ss;
        xsave = b.xsave;
        sveVectorLength = b.sveVectorLength;
    }

    /** @return a builder: no flags, empty sa_mask, no altstack, tgkill siginfo from pid 0, not in a system call */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a context with every default */
    public static LinuxSignalContext defaults() {
        return builder().build();
    }

    /** @return {@code sa_flags} */
    public long saFlags() {
        return saFlags;
    }

    /** @return {@code sa_mask}, bit {@code n-1} for signal n */
    public long saMask() {
        return saMask;
    }

    /** @return the thread's alternate stack as registered */
    public LinuxAltStack altStack() {
        return altStack;
    }

    /** @return the siginfo */
    public LinuxSigInfo sigInfo() {
        return sigInfo;
    }

    /**
     * When present, the thread is returning from a system call and this is the value the restart puts back in
     * the return register: {@code orig_ax} (the system call number) on x86-64, {@code orig_x0} / {@code orig_a0}
     * (the first argument) on AArch64 and RISC-V.
     *
     * @return the original value, or empty if the signal did not interrupt a system call
     */
    public OptionalLong syscallOrigin() {
        return syscallOrigin;
    }

    /** @return the thread's last fault address (x86-64 cr2, AArch64 fault_address), sticky, 0 if none */
    public long faultAddress() {
        return faultAddress;
    }

    /** @return the thread's last error code (x86-64 err, AArch64 ESR: an esr_context when non-zero), sticky */
    public long errorCode() {
        return errorCode;
    }

    /** @return the thread's last trap number (x86-64 trapno), sticky */
    public long trapNumber() {
        return trapNumber;
    }

    /** @return the interrupted x86-64 code selector (0x33) */
    public int cs() {
        return cs;
    }

    /** @return the interrupted x86-64 stack selector (0x2b) */
    public int ss() {
        return ss;
    }

    /** @return the x86-64 machine's XSAVE features */
    public X86_64XsaveFeatures xsave() {
        return xsave;
    }

    /**
     * The AArch64 thread's SVE vector length in bytes, 0 on a machine without SVE. With SVE the frame holds an
     * {@code sve_context} record (header only: the thread's live FP state is modelled as FPSIMD).
     *
     * @return the vector length in bytes, or 0
     */
    public int sveVectorLength() {
        return sveVectorLength;
    }

    /** @return whether the handler gets siginfo and ucontext ({@code SA_SIGINFO}) */
    boolean sigInfoRequested() {
        return (saFlags & SA_SIGINFO) != 0;
    }

    /** Builds a {@link LinuxSignalContext}. */
    public static final class Builder {
        private long saFlags;
        private long saMask;
        private LinuxAltStack altStack = LinuxAltStack.DISABLED;
        private LinuxSigInfo sigInfo = LinuxSigInfo.tkill(0, 0);
        private OptionalLong syscallOrigin = OptionalLong.empty();
        private long faultAddress;
        private long errorCode;
        private long trapNumber;
        private int cs = USER_CS;
        private int ss = USER_DS;
        private X86_64XsaveFeatures xsave = X86_64XsaveFeatures.avx();
        private int sveVectorLength;

        private Builder() {}

        /**
         * @param vectorLength the AArch64 thread's SVE vector length in bytes: 0 (no SVE) or a multiple of 16 in
         *                     16..256
         * @return this builder
         * @throws IllegalArgumentException naming the value otherwise
         */
        public Builder sveVectorLength(final int vectorLength) {
            if (vectorLength != 0 && (vectorLength < 16 || vectorLength > 256 || vectorLength % 16 != 0)) {
                throw new IllegalArgumentException("SVE vector length must be 0 or a multiple of 16 in 16..256:"
                        + " sveVectorLength=" + vectorLength);
            }
            this.sveVectorLength = vectorLength;
            return this;
        }

        /**
         * @param saFlags {@code sa_flags} ({@link #SA_SIGINFO}, {@link #SA_ONSTACK}, {@link #SA_RESTART}, ...)
         * @return this builder
         */
        public Builder saFlags(final long saFlags) {
            this.saFlags = saFlags;
            return this;
        }

        /**
         * @param saMask {@code sa_mask}, added to the mask while the handler runs
         * @return this builder
         */
        public Builder saMask(final long saMask) {
            this.saMask = saMask;
            return this;
        }

        /**
         * @param altStack the thread's alternate stack
         * @return this builder
         */
        public Builder altStack(final LinuxAltStack altStack) {
            this.altStack = Objects.requireNonNull(altStack, "altStack");
            return this;
        }

        /**
         * @param sigInfo the siginfo the sender queued
         * @return this builder
         */
        public Builder sigInfo(final LinuxSigInfo sigInfo) {
            this.sigInfo = Objects.requireNonNull(sigInfo, "sigInfo");
            return this;
        }

        /**
         * The signal interrupts a system call on its way out; the register file's return register holds the
         * call's result (e.g. {@code -ERESTARTSYS} = -512).
         *
         * @param origin orig_ax (x86-64: the system call number) or orig_x0 / orig_a0 (the first argument)
         * @return this builder
         */
        public Builder syscallOrigin(final long origin) {
            this.syscallOrigin = OptionalLong.of(origin);
            return this;
        }

        /**
         * The thread's sticky fault information (0 for a thread that never faulted).
         *
         * @param faultAddress cr2 / fault_address
         * @param errorCode    x86-64 err / AArch64 ESR
         * @param trapNumber   x86-64 trapno
         * @return this builder
         */
        public Builder fault(final long faultAddress, final long errorCode, final long trapNumber) {
            this.faultAddress = faultAddress;
            this.errorCode = errorCode;
            this.trapNumber = trapNumber;
            return this;
        }

        /**
         * @param cs the interrupted code selector
         * @param ss the interrupted stack selector
         * @return this builder
         */
        public Builder selectors(final int cs, final int ss) {
            if ((cs & ~0xFFFF) != 0 || (ss & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("selectors must be 16-bit: cs=" + Hex.of(cs & 0xFFFF_FFFFL));
            }
            this.cs = cs;
            this.ss = ss;
            return this;
        }

        /**
         * @param xsave the x86-64 machine's XSAVE features
         * @return this builder
         */
        public Builder xsave(final X86_64XsaveFeatures xsave) {
            this.xsave = Objects.requireNonNull(xsave, "xsave");
            return this;
        }

        /** @return the context */
        public LinuxSignalContext build() {
            return new LinuxSignalContext(this);
        }
    }
}
