package dev.sigpage.frames;

/**
 * The RISC-V 64 registers a signal frame saves: {@code x1}..{@code x31} by ABI name ({@code ra sp gp tp t0-t2 s0 s1
 * a0-a7 s2-s11 t3-t6}), {@code pc} and {@code sstatus}. By-name lookup accepts the {@code xN} aliases too.
 */
public final class Riscv64Registers extends RegisterFile {
    Riscv64Registers(final long[] values) {
        super(values);
    }

    /**
     * All registers zero.
     *
     * @return the zero register file
     */
    public static Riscv64Registers zero() {
        return (Riscv64Registers) RegisterFile.zero(Arch.RISCV64);
    }

    @Override
    public Arch arch() {
        return Arch.RISCV64;
    }

    @Override
    public Riscv64Registers with(final String name, final long value) {
        return (Riscv64Registers) super.with(name, value);
    }

    /**
     * A register by number.
     *
     * @param n 1..31 (x0 is hard-wired to zero and not saved)
     * @return xN
     * @throws IndexOutOfBoundsException if {@code n} is not in 1..31
     */
    public long x(final int n) {
        if (n < 1 || n > 31) {
            throw new IndexOutOfBoundsException("register number must be in 1..31: n=" + n);
        }
        return at(n - 1);
    }

    /** @return ra (x1) */
    public long ra() {
        return x(1);
    }

    /** @return sp (x2) */
    public long sp() {
        return x(2);
    }

    /** @return gp (x3) */
    public long gp() {
        return x(3);
    }

    /** @return tp (x4) */
    public long tp() {
        return x(4);
    }

    /**
     * An argument register.
     *
     * @param n 0..7
     * @return aN (x10..x17)
     * @throws IndexOutOfBoundsException if {@code n} is not in 0..7
     */
    public long a(final int n) {
        if (n < 0 || n > 7) {
            throw new IndexOutOfBoundsException("register number must be in 0..7: n=" + n);
        }
        return x(10 + n);
    }

    /**
     * A saved register.
     *
     * @param n 0..11
     * @return sN (x8, x9, x18..x27)
     * @throws IndexOutOfBoundsException if {@code n} is not in 0..11
     */
    public long s(final int n) {
        if (n < 0 || n > 11) {
            throw new IndexOutOfBoundsException("register number must be in 0..11: n=" + n);
        }
        return n < 2 ? x(8 + n) : x(16 + n);
    }

    /**
     * A temporary register.
     *
     * @param n 0..6
     * @return tN (x5..x7, x28..x31)
     * @throws IndexOutOfBoundsException if {@code n} is not in 0..6
     */
    public long t(final int n) {
        if (n < 0 || n > 6) {
            throw new IndexOutOfBoundsException("register number must be in 0..6: n=" + n);
        }
        return n < 3 ? x(5 + n) : x(25 + n);
    }

    /** @return pc (sepc as saved) */
    public long pc() {
        return at(31);
    }

    /** @return sstatus */
    public long sstatus() {
        return at(32);
    }
}
