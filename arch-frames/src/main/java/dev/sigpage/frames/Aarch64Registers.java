package dev.sigpage.frames;

/** The AArch64 registers a signal frame saves: {@code x0}..{@code x30}, {@code sp}, {@code pc}, {@code pstate}. */
public final class Aarch64Registers extends RegisterFile {
    Aarch64Registers(final long[] values) {
        super(values);
    }

    /**
     * All registers zero.
     *
     * @return the zero register file
     */
    public static Aarch64Registers zero() {
        return (Aarch64Registers) RegisterFile.zero(Arch.AARCH64);
    }

    @Override
    public Arch arch() {
        return Arch.AARCH64;
    }

    @Override
    public Aarch64Registers with(final String name, final long value) {
        return (Aarch64Registers) super.with(name, value);
    }

    /**
     * A general-purpose register.
     *
     * @param n 0..30
     * @return xN
     * @throws IndexOutOfBoundsException if {@code n} is not in 0..30
     */
    public long x(final int n) {
        if (n < 0 || n > 30) {
            throw new IndexOutOfBoundsException("register number must be in 0..30: n=" + n);
        }
        return at(n);
    }

    /** @return x30, the link register */
    public long lr() {
        return at(30);
    }

    /** @return sp */
    public long sp() {
        return at(31);
    }

    /** @return pc */
    public long pc() {
        return at(32);
    }

    /** @return pstate (SPSR_EL1 as saved) */
    public long pstate() {
        return at(33);
    }
}
