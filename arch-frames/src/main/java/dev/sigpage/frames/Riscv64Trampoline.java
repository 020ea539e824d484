package dev.sigpage.frames;

/**
 * The RISC-V 64 sigreturn trampoline, four instructions placed right after the frame and reached through ra.
 * The seed's trampoline is already correct; both variants encode the same instructions.
 *
 * <pre>
 * 0x00010513              addi a0,sp,0       the frame (sp is back at it when the handler returns)
 * 0x00000893 | nr &lt;&lt; 20   addi a7,x0,nr      the syscall number register; 12-bit signed, so 0..2047
 * 0x00000073              ecall
 * 0x00100073              ebreak
 * </pre>
 */
public final class Riscv64Trampoline {
    /** Length of the trampoline in bytes. */
    public static final int LENGTH = 16;
    /** {@code addi a0,sp,0}. */
    public static final int ADDI_A0_SP_0 = 0x00010513;
    /** {@code addi a7,x0,0}: the template whose immediate is patched. */
    public static final int ADDI_A7_X0 = 0x00000893;
    /** {@code ecall}. */
    public static final int ECALL = 0x00000073;
    /** {@code ebreak}. */
    public static final int EBREAK = 0x00100073;

    private static final int I_IMM_SHIFT = 20;

    private Riscv64Trampoline() {}

    /**
     * Encodes the trampoline of a variant.
     *
     * @param variant     seed or fixed
     * @param sigreturnNr the sigreturn system call number, 0..2047 (the seed variant takes only 123)
     * @return the trampoline bytes, little-endian instruction words
     * @throws IllegalArgumentException if the number does not fit or the seed variant is given another number
     */
    public static byte[] encode(final Variant variant, final long sigreturnNr) {
        Trampolines.checkNumber(Arch.RISCV64, variant, sigreturnNr);
        final ByteSink out = new ByteSink(LENGTH);
        out.putInt(ADDI_A0_SP_0);
        out.putInt(ADDI_A7_X0 | ((int) sigreturnNr << I_IMM_SHIFT));
        out.putInt(ECALL);
        out.putInt(EBREAK);
        return out.toArray();
    }
}
