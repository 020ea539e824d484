package dev.sigpage.frames;

/** The x86-64 registers a signal frame saves: the 16 general-purpose registers, {@code rip} and {@code rflags}. */
public final class X86_64Registers extends RegisterFile {
    X86_64Registers(final long[] values) {
        super(values);
    }

    /**
     * All registers zero.
     *
     * @return the zero register file
     */
    public static X86_64Registers zero() {
        return (X86_64Registers) RegisterFile.zero(Arch.X86_64);
    }

    @Override
    public Arch arch() {
        return Arch.X86_64;
    }

    @Override
    public X86_64Registers with(final String name, final long value) {
        return (X86_64Registers) super.with(name, value);
    }

    /** @return rax */
    public long rax() {
        return at(0);
    }

    /** @return rbx */
    public long rbx() {
        return at(1);
    }

    /** @return rcx */
    public long rcx() {
        return at(2);
    }

    /** @return rdx */
    public long rdx() {
        return at(3);
    }

    /** @return rsi */
    public long rsi() {
        return at(4);
    }

    /** @return rdi */
    public long rdi() {
        return at(5);
    }

    /** @return rbp */
    public long rbp() {
        return at(6);
    }

    /** @return rsp, the stack pointer */
    public long rsp() {
        return at(7);
    }

    /**
     * One of {@code r8}..{@code r15}.
     *
     * @param n 8..15
     * @return rN
     * @throws IndexOutOfBoundsException if {@code n} is not in 8..15
     */
    public long r(final int n) {
        if (n < 8 || n > 15) {
            throw new IndexOutOfBoundsException("register number must be in 8..15: n=" + n);
        }
        return at(n);
    }

    /** @return rip, the program counter */
    public long rip() {
        return at(16);
    }

    /** @return rflags */
    public long rflags() {
        return at(17);
    }
}
