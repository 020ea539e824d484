package dev.sigpage.frames;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Everything a delivery needs: the interrupted register file (its stack pointer is where the frame goes), the
 * signal, the handler, the current mask and the variant's options. Validated when built.
 */
public final class DeliveryRequest {
    private final RegisterFile registers;
    private final Variant variant;
    private final int signal;
    private final long handler;
    private final long mask;
    private final long sigreturnNr;
    private final OptionalLong restorer;
    private final LinuxSignalContext linux;

    private DeliveryRequest(final Builder b) {
        this.registers = b.registers;
        this.variant = b.variant;
        this.signal = b.signal;
        this.handler = b.handler;
        this.mask = b.mask;
        this.sigreturnNr = b.sigreturnNr == null ? Variant.DEFAULT_SIGRETURN_NR : b.sigreturnNr;
        this.restorer = b.restorer == null ? OptionalLong.empty() : OptionalLong.of(b.restorer);
        this.linux = b.linux == null ? LinuxSignalContext.defaults() : b.linux;
    }

    /**
     * A builder for a delivery that interrupts {@code registers}.
     *
     * @param registers the interrupted register file; its arch is the delivery's arch
     * @return a builder with variant {@link Variant#FIXED}, mask 0, sigreturn number 123, no restorer
     */
    public static Builder builder(final RegisterFile registers) {
        return new Builder(Objects.requireNonNull(registers, "registers"));
    }

    /** @return the arch, that of the register file */
    public Arch arch() {
        return registers.arch();
    }

    /** @return the interrupted register file */
    public RegisterFile registers() {
        return registers;
    }

    /** @return the variant */
    public Variant variant() {
        return variant;
    }

    /** @return the signal number */
    public int signal() {
        return signal;
    }

    /** @return the handler address */
    public long handler() {
        return handler;
    }

    /** @return the interrupted signal mask */
    public long mask() {
        return mask;
    }

    /** @return the sigreturn system call number the trampoline issues */
    public long sigreturnNr() {
        return sigreturnNr;
    }

    /** @return the restorer address, if user code performs sigreturn instead of a trampoline on the stack */
    public OptionalLong restorer() {
        return restorer;
    }

    /** @return the Linux delivery's extra inputs (defaults unless given; used by {@link Variant#LINUX} only) */
    public LinuxSignalContext linux() {
        return linux;
    }

    /** Builds a {@link DeliveryRequest}. */
    public static final class Builder {
        private final RegisterFile registers;
        private Variant variant = Variant.FIXED;
        private int signal;
        private long handler;
        private long mask;
        private Long sigreturnNr;
        private Long restorer;
        private LinuxSignalContext linux;

        private Builder(final RegisterFile registers) {
            this.registers = registers;
        }

        /**
         * @param variant the variant
         * @return this builder
         */
        public Builder variant(final Variant variant) {
            this.variant = Objects.requireNonNull(variant, "variant");
            return this;
        }

        /**
         * @param signal the signal number: 1..64 (fixed, not 9 or 19) or 1..31 (seed)
         * @return this builder
         */
        public Builder signal(final int signal) {
            this.signal = signal;
            return this;
        }

        /**
         * @param handler the handler's address
         * @return this builder
         */
        public Builder handler(final long handler) {
            this.handler = handler;
            return this;
        }

        /**
         * @param mask the interrupted signal mask, in the variant's convention
         * @return this builder
         */
        public Builder mask(final long mask) {
            this.mask = mask;
            return this;
        }

        /**
         * @param sigreturnNr the sigreturn number (fixed variant only; must fit the trampoline's encoding unless a
         *                    restorer is given)
         * @return this builder
         */
        public Builder sigreturnNr(final long sigreturnNr) {
            this.sigreturnNr = sigreturnNr;
            return this;
        }

        /**
         * @param restorer user code that performs sigreturn (fixed variant only); no trampoline is written
         * @return this builder
         */
        public Builder restorer(final long restorer) {
            this.restorer = restorer;
            return this;
        }

        /**
         * @param linux the Linux delivery's extra inputs (linux variant only)
         * @return this builder
         */
        public Builder linux(final LinuxSignalContext linux) {
            this.linux = Objects.requireNonNull(linux, "linux");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the request
         * @throws IllegalArgumentException naming the value: a signal out of range, SIGKILL or SIGSTOP to a
         *                                  handler (fixed), a sigreturn number that does not fit, or an option the
         *                                  seed variant does not have
         */
        public DeliveryRequest build() {
            if (signal < 1 || signal > variant.maxSignal()) {
                throw new IllegalArgumentException("signal must be in 1.." + variant.maxSignal()
                        + (variant == Variant.SEED ? " in the seed variant" : "") + ": signal=" + signal);
            }
            if (variant != Variant.LINUX && linux != null) {
                throw new IllegalArgumentException(
                        "only the linux variant takes a Linux signal context: variant=" + variant.cliName());
            }
            if (variant == Variant.LINUX && sigreturnNr != null) {
                throw new IllegalArgumentException("the linux variant writes no trampoline, so it has no"
                        + " --sigreturn-nr: sigreturnNr=" + Long.toUnsignedString(sigreturnNr));
            }
            if (variant == Variant.SEED) {
                if (sigreturnNr != null) {
                    throw new IllegalArgumentException("the seed variant has no --sigreturn-nr: sigreturnNr="
                            + Long.toUnsignedString(sigreturnNr));
                }
                if (restorer != null) {
                    throw new IllegalArgumentException(
                            "the seed variant has no --restorer: restorer=" + Hex.of(restorer));
                }
            } else {
                if (signal == Signals.SIGKILL || signal == Signals.SIGSTOP) {
                    throw new IllegalArgumentException("SIGKILL and SIGSTOP have no handlers: signal=" + signal);
                }
                if (restorer == null && sigreturnNr != null) {
                    Trampolines.checkNumber(registers.arch(), variant, sigreturnNr);
                }
            }
            return new DeliveryRequest(this);
        }
    }
}
