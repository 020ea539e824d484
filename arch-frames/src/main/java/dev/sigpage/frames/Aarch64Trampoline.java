package dev.sigpage.frames;

/**
 * The AArch64 sigreturn trampoline, four instructions placed right after the frame and reached through x30.
 *
 * <pre>
 * 0x910003e0              add x0,sp,#0       the frame (sp is back at it when the handler returns)
 * 0x52800008 | nr &lt;&lt; 5    movz w8,#nr        fixed: the syscall number register
 * 0x52800000 | 123 &lt;&lt; 5   movz w0,#123       seed: lands in w0 and clobbers the frame pointer (defect 4)
 * 0xd4000001              svc #0
 * 0xd4200000              brk #0
 * </pre>
 */
public final class Aarch64Trampoline {
    /** Length of the trampoline in bytes. */
    public static final int LENGTH = 16;
    /** {@code add x0,sp,#0}. */
    public static final int ADD_X0_SP_0 = 0x910003e0;
    /** {@code movz w0,#0}: the seed's template, whose immediate it patches. */
    public static final int MOVZ_W0 = 0x52800000;
    /** {@code movz w8,#0}: the fixed variant's template. */
    public static final int MOVZ_W8 = 0x52800008;
    /** {@code svc #0}. */
    public static final int SVC_0 = 0xd4000001;
    /** {@code brk #0}. */
    public static final int BRK_0 = 0xd4200000;

    private static final int MOVZ_IMM16_SHIFT = 5;

    private Aarch64Trampoline() {}

    /**
     * Encodes the trampoline of a variant.
     *
     * @param variant     seed or fixed
     * @param sigreturnNr the sigreturn system call number, 0..65535 (the seed variant takes only 123)
     * @return the trampoline bytes, little-endian instruction words
     * @throws IllegalArgumentException if the number does not fit or the seed variant is given another number
     */
    public static byte[] encode(final Variant variant, final long sigreturnNr) {
        Trampolines.checkNumber(Arch.AARCH64, variant, sigreturnNr);
        final int movz = (variant == Variant.SEED ? MOVZ_W0 : MOVZ_W8) | ((int) sigreturnNr << MOVZ_IMM16_SHIFT);
        final ByteSink out = new ByteSink(LENGTH);
        out.putInt(ADD_X0_SP_0);
        out.putInt(movz);
        out.putInt(SVC_0);
        out.putInt(BRK_0);
        return out.toArray();
    }
}
