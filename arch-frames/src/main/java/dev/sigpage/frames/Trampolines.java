package dev.sigpage.frames;

/** Shared checks and dispatch for the three trampoline encoders. */
final class Trampolines {
    private Trampolines() {}

    static void checkNumber(final Arch arch, final Variant variant, final long sigreturnNr) {
        if (variant == Variant.SEED && sigreturnNr != Variant.DEFAULT_SIGRETURN_NR) {
            throw new IllegalArgumentException(
                    "the seed variant's sigreturn number is 123: sigreturnNr=" + Long.toUnsignedString(sigreturnNr));
        }
        if (sigreturnNr < 0 || sigreturnNr > arch.maxSigreturnNr()) {
            throw new IllegalArgumentException("sigreturn number must be in 0.." + arch.maxSigreturnNr() + " on "
                    + arch.cliName() + ": sigreturnNr=" + Long.toUnsignedString(sigreturnNr));
        }
    }

    static byte[] encode(final Arch arch, final Variant variant, final long sigreturnNr) {
        switch (arch) {
            case X86_64:
                return X86_64Trampoline.encode(variant, sigreturnNr);
            case AARCH64:
                return Aarch64Trampoline.encode(variant, sigreturnNr);
            default:
                return Riscv64Trampoline.encode(variant, sigreturnNr);
        }
    }
}
