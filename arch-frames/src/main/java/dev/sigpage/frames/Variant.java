package dev.sigpage.frames;

import java.util.Locale;

/**
 * Which delivery algorithm to follow.
 *
 * <p>{@link #SEED} reproduces the seed kernel's delivery byte for byte, its defects 1-6 included (see
 * {@code FRAMES.md}); {@link #FIXED} corrects them while keeping the same frame layouts. Restore validates in both
 * variants: privileged state is never returned (defect 7).
 *
 * <p>Defect 8 (the seed writes and reads user memory through a helper that translates only the first page of each
 * store) lives below the virtual addresses this module models, so it is not performed in either variant: the
 * seed variant's {@link Delivery#writes()} are the bytes the seed stores at the virtual addresses it aims them at,
 * identical to the seed kernel whenever each store stays within one page, and
 * {@link Delivery#misdirectedWrites()} lists what the seed kernel would send to the wrong physical page otherwise.
 */
public enum Variant {
    /** The corrected algorithm: signals 1-64, mask bit {@code signum - 1}, ABI-correct stacks. The default. */
    FIXED,
    /** The seed kernel's algorithm: signals 1-31, mask bit {@code signum}, sigreturn number 123. */
    SEED,
    /**
     * Linux's {@code rt_sigframe} on each architecture: its layout, placement, entry registers and
     * {@code rt_sigreturn}, with the extra inputs of a {@link LinuxSignalContext}. Signals 1-64, mask bit
     * {@code signum - 1}; no trampoline is written (x86-64 needs a restorer, the others the vDSO's address).
     */
    LINUX;

    /** The number of the sigreturn system call in the seed, and the default of the fixed variant. */
    public static final int DEFAULT_SIGRETURN_NR = 123;

    /**
     * The name used on the command line and in JSON output.
     *
     * @return {@code "fixed"}, {@code "seed"} or {@code "linux"}
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The highest signal number this variant delivers.
     *
     * @return 64 for the fixed and linux variants, 31 for the seed
     */
    public int maxSignal() {
        return this == SEED ? 31 : 64;
    }

    /**
     * The mask bit that stands for a signal in this variant's convention.
     *
     * @param signal the signal number
     * @return {@code 1L << (signal - 1)} in the fixed and linux variants, {@code 1L << signal} in the seed
     */
    public long maskBit(final int signal) {
        return this == SEED ? 1L << signal : 1L << (signal - 1);
    }

    /**
     * The bits of SIGKILL (9) and SIGSTOP (19) in this variant's convention: never set in a restored mask.
     *
     * @return bits 8 and 18 in the fixed and linux variants, 9 and 19 in the seed
     */
    public long unblockableBits() {
        return maskBit(Signals.SIGKILL) | maskBit(Signals.SIGSTOP);
    }

    /**
     * Looks a variant up by its command-line name.
     *
     * @param name {@code "fixed"}, {@code "seed"} or {@code "linux"}
     * @return the variant
     * @throws IllegalArgumentException if the name is neither
     */
    public static Variant fromName(final String name) {
        for (final Variant v : values()) {
            if (v.cliName().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("variant must be fixed, seed or linux: variant=" + name);
    }
}
