package dev.sigpage.api;

import java.util.Objects;

/**
 * An immutable set of signals 1..64, signal {@code n} at bit {@code n-1} of a {@code long}. Value equality.
 */
public final class SignalSet {
    private static final SignalSet EMPTY = new SignalSet(0L);
    private static final SignalSet FULL = new SignalSet(-1L);

    private final long bits;

    private SignalSet(final long bits) {
        this.bits = bits;
    }

    /**
     * The empty set.
     *
     * @return the empty set
     */
    public static SignalSet empty() {
        return EMPTY;
    }

    /**
     * The set of all 64 numbers.
     *
     * @return the full set
     */
    public static SignalSet full() {
        return FULL;
    }

    /**
     * A set of the given signals.
     *
     * @param signals numbers in 1..64
     * @return the set
     * @throws IllegalArgumentException if a number is outside 1..64
     * @throws NullPointerException     if {@code signals} is null, naming it
     */
    public static SignalSet of(final int... signals) {
        Objects.requireNonNull(signals, "signals");
        long bits = 0;
        for (final int sig : signals) {
            bits |= checkedBit(sig);
        }
        return ofBits(bits);
    }

    /**
     * A set from its bits, signal {@code n} at bit {@code n-1}.
     *
     * @param bits the bits
     * @return the set
     */
    public static SignalSet ofBits(final long bits) {
        if (bits == 0) {
            return EMPTY;
        }
        return bits == -1L ? FULL : new SignalSet(bits);
    }

    private static long checkedBit(final int sig) {
        if (sig < 1 || sig > Signals.NSIG) {
            throw new IllegalArgumentException("signal must be in 1..64: signal=" + sig);
        }
        return 1L << (sig - 1);
    }

    /**
     * The bits of the set.
     *
     * @return signal {@code n} at bit {@code n-1}
     */
    public long bits() {
        return bits;
    }

    /**
     * Whether the set holds a signal.
     *
     * @param sig a number in 1..64
     * @return true if present
     * @throws IllegalArgumentException if the number is outside 1..64
     */
    public boolean contains(final int sig) {
        return (bits & checkedBit(sig)) != 0;
    }

    /**
     * This set with one more signal.
     *
     * @param sig a number in 1..64
     * @return the new set
     * @throws IllegalArgumentException if the number is outside 1..64
     */
    public SignalSet with(final int sig) {
        return ofBits(bits | checkedBit(sig));
    }

    /**
     * This set without a signal.
     *
     * @param sig a number in 1..64
     * @return the new set
     * @throws IllegalArgumentException if the number is outside 1..64
     */
    public SignalSet without(final int sig) {
        return ofBits(bits & ~checkedBit(sig));
    }

    /**
     * The union.
     *
     * @param other another set
     * @return signals in either
     */
    public SignalSet union(final SignalSet other) {
        return ofBits(bits | other.bits);
    }

    /**
     * The intersection.
     *
     * @param other another set
     * @return signals in both
     */
    public SignalSet intersection(final SignalSet other) {
        return ofBits(bits & other.bits);
    }

    /**
     * The difference.
     *
     * @param other another set
     * @return signals in this set and not in {@code other}
     */
    public SignalSet minus(final SignalSet other) {
        return ofBits(bits & ~other.bits);
    }

    /**
     * The complement within 1..64.
     *
     * @return every signal not in this set
     */
    public SignalSet complement() {
        return ofBits(~bits);
    }

    /**
     * Whether the set is empty.
     *
     * @return true if no signal is present
     */
    public boolean isEmpty() {
        return bits == 0;
    }

    /**
     * The number of signals.
     *
     * @return 0..64
     */
    public int size() {
        return Long.bitCount(bits);
    }

    /**
     * The lowest signal of the set.
     *
     * @return the lowest number, 0 if empty
     */
    public int lowest() {
        return bits == 0 ? 0 : Long.numberOfTrailingZeros(bits) + 1;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof SignalSet && ((SignalSet) o).bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }

    /**
     * The names in ascending order, e.g. {@code {SIGINT,SIGTERM}}.
     *
     * @return the set as text
     */
    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("{");
        long rest = bits;
        while (rest != 0) {
            final int sig = Long.numberOfTrailingZeros(rest) + 1;
            rest &= rest - 1;
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(Signals.name(sig));
        }
        return sb.append('}').toString();
    }
}
