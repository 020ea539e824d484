package dev.sigpage.frames;

/**
 * The x86-64 sigreturn trampoline, reached by the handler's {@code ret}.
 *
 * <pre>
 * seed  (15 bytes): 48 8d 3c 24            lea rdi,[rsp]      rsp = frame + 8 after ret: defect 1
 *                   48 c7 c0 7b 00 00 00   mov rax,123
 *                   0f 05                  syscall
 *                   0f 0b                  ud2
 * fixed (16 bytes): 48 8d 7c 24 f8         lea rdi,[rsp-8]    the frame: ret popped its first field
 *                   48 c7 c0 imm32         mov rax,imm32      sign-extended, so 0..2^31-1
 *                   0f 05                  syscall
 *                   0f 0b                  ud2
 * </pre>
 */
public final class X86_64Trampoline {
    /** Length of the seed trampoline. */
    public static final int SEED_LENGTH = 15;
    /** Length of the fixed trampoline. */
    public static final int FIXED_LENGTH = 16;

    private static final byte[] LEA_RDI_RSP = {0x48, (byte) 0x8d, 0x3c, 0x24};
    private static final byte[] LEA_RDI_RSP_MINUS_8 = {0x48, (byte) 0x8d, 0x7c, 0x24, (byte) 0xf8};
    private static final byte[] MOV_RAX_IMM32 = {0x48, (byte) 0xc7, (byte) 0xc0};
    private static final byte[] SYSCALL = {0x0f, 0x05};
    private static final byte[] UD2 = {0x0f, 0x0b};

    private X86_64Trampoline() {}

    /**
     * Encodes the trampoline of a variant.
     *
     * @param variant     seed or fixed
     * @param sigreturnNr the sigreturn system call number, 0..2^31-1 (the seed variant takes only 123)
     * @return the trampoline bytes
     * @throws IllegalArgumentException if the number does not fit or the seed variant is given another number
     */
    public static byte[] encode(final Variant variant, final long sigreturnNr) {
        Trampolines.checkNumber(Arch.X86_64, variant, sigreturnNr);
        final ByteSink out = new ByteSink(variant == Variant.SEED ? SEED_LENGTH : FIXED_LENGTH);
        out.put(variant == Variant.SEED ? LEA_RDI_RSP : LEA_RDI_RSP_MINUS_8);
        out.put(MOV_RAX_IMM32);
        out.putInt((int) sigreturnNr);
        out.put(SYSCALL);
        out.put(UD2);
        return out.toArray();
    }
}
