package dev.sigpage.frames;

import java.util.List;

/**
 * Layout of the x86-64 signal frame (little-endian, every field 8 bytes, 168 bytes in all).
 *
 * <pre>
 *   frameAddress (rsp at handler entry)
 *   +0x00 +-------------------------+
 *         | return address          |  trampoline (or restorer) address: popped by the handler's ret
 *   +0x08 +-------------------------+
 *         | signum                  |
 *   +0x10 +-------------------------+
 *         | saved mask              |  the interrupted mask, as given
 *   +0x18 +-------------------------+
 *         | rax rbx rcx rdx         |
 *         | rsi rdi rbp rsp         |  rsp is the interrupted stack pointer
 *         | r8 .. r15               |
 *   +0x98 +-------------------------+
 *         | rip                     |
 *   +0xa0 +-------------------------+
 *         | rflags                  |
 *   +0xa8 +-------------------------+  FRAME_LENGTH = 168
 * </pre>
 */
public final class X86_64FrameDescriptor {
    /** Offset of the trampoline return address. */
    public static final int RETURN_ADDRESS_OFFSET;
    /** Offset of the signal number. */
    public static final int SIGNUM_OFFSET;
    /** Offset of the saved signal mask. */
    public static final int SAVED_MASK_OFFSET;
    /** Offset of rax. */
    public static final int RAX_OFFSET;
    /** Offset of rbx. */
    public static final int RBX_OFFSET;
    /** Offset of rcx. */
    public static final int RCX_OFFSET;
    /** Offset of rdx. */
    public static final int RDX_OFFSET;
    /** Offset of rsi. */
    public static final int RSI_OFFSET;
    /** Offset of rdi. */
    public static final int RDI_OFFSET;
    /** Offset of rbp. */
    public static final int RBP_OFFSET;
    /** Offset of the interrupted rsp. */
    public static final int RSP_OFFSET;
    /** Offset of r8. */
    public static final int R8_OFFSET;
    /** Offset of r9. */
    public static final int R9_OFFSET;
    /** Offset of r10. */
    public static final int R10_OFFSET;
    /** Offset of r11. */
    public static final int R11_OFFSET;
    /** Offset of r12. */
    public static final int R12_OFFSET;
    /** Offset of r13. */
    public static final int R13_OFFSET;
    /** Offset of r14. */
    public static final int R14_OFFSET;
    /** Offset of r15. */
    public static final int R15_OFFSET;
    /** Offset of the interrupted rip. */
    public static final int RIP_OFFSET;
    /** Offset of the interrupted rflags. */
    public static final int RFLAGS_OFFSET;
    /** Length of the frame in bytes. */
    public static final int FRAME_LENGTH;
    /** The frame length FRAMES.md gives; the static block checks the accumulated layout against it. */
    public static final int REFERENCE_FRAME_LENGTH = 168;

    static final List<FrameField> FIELDS;

    static {
        final FrameLayoutBuilder b = new FrameLayoutBuilder();
        RETURN_ADDRESS_OFFSET = b.field("return_address");
        SIGNUM_OFFSET = b.field("signum");
        SAVED_MASK_OFFSET = b.field("saved_mask");
        RAX_OFFSET = b.field("rax");
        RBX_OFFSET = b.field("rbx");
        RCX_OFFSET = b.field("rcx");
        RDX_OFFSET = b.field("rdx");
        RSI_OFFSET = b.field("rsi");
        RDI_OFFSET = b.field("rdi");
        RBP_OFFSET = b.field("rbp");
        RSP_OFFSET = b.field("rsp");
        R8_OFFSET = b.field("r8");
        R9_OFFSET = b.field("r9");
        R10_OFFSET = b.field("r10");
        R11_OFFSET = b.field("r11");
        R12_OFFSET = b.field("r12");
        R13_OFFSET = b.field("r13");
        R14_OFFSET = b.field("r14");
        R15_OFFSET = b.field("r15");
        RIP_OFFSET = b.field("rip");
        RFLAGS_OFFSET = b.field("rflags");
        FRAME_LENGTH = b.length();
        FIELDS = b.fields();
        b.check("x86_64", REFERENCE_FRAME_LENGTH, RegisterNames.X86_64);
    }

    private X86_64FrameDescriptor() {}
}
