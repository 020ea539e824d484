package dev.sigpage.frames;

import java.util.List;

/**
 * Layout of the aarch64 signal frame (little-endian, every field 8 bytes, 296 bytes in all).
 *
 * <pre>
 *   frameAddress (sp at handler entry, x1)
 *   +0x000 +-------------------------+
 *          | return address          |  trampoline (or restorer) address, also in x30
 *   +0x008 +-------------------------+
 *          | signum                  |
 *   +0x010 +-------------------------+
 *          | saved mask              |  the interrupted mask, as given
 *   +0x018 +-------------------------+
 *          | x0 .. x30               |  31 registers
 *   +0x110 +-------------------------+
 *          | sp                      |  the interrupted stack pointer
 *   +0x118 +-------------------------+
 *          | pc                      |
 *   +0x120 +-------------------------+
 *          | pstate                  |
 *   +0x128 +-------------------------+  FRAME_LENGTH = 296; the 16-byte trampoline follows
 * </pre>
 */
public final class Aarch64FrameDescriptor {
    /** Offset of the trampoline return address. */
    public static final int RETURN_ADDRESS_OFFSET;
    /** Offset of the signal number. */
    public static final int SIGNUM_OFFSET;
    /** Offset of the saved signal mask. */
    public static final int SAVED_MASK_OFFSET;
    /** Offset of x0. */
    public static final int X0_OFFSET;
    /** Offset of x1. */
    public static final int X1_OFFSET;
    /** Offset of x2. */
    public static final int X2_OFFSET;
    /** Offset of x3. */
    public static final int X3_OFFSET;
    /** Offset of x4. */
    public static final int X4_OFFSET;
    /** Offset of x5. */
    public static final int X5_OFFSET;
    /** Offset of x6. */
    public static final int X6_OFFSET;
    /** Offset of x7. */
    public static final int X7_OFFSET;
    /** Offset of x8. */
    public static final int X8_OFFSET;
    /** Offset of x9. */
    public static final int X9_OFFSET;
    /** Offset of x10. */
    public static final int X10_OFFSET;
    /** Offset of x11. */
    public static final int X11_OFFSET;
    /** Offset of x12. */
    public static final int X12_OFFSET;
    /** Offset of x13. */
    public static final int X13_OFFSET;
    /** Offset of x14. */
    public static final int X14_OFFSET;
    /** Offset of x15. */
    public static final int X15_OFFSET;
    /** Offset of x16. */
    public static final int X16_OFFSET;
    /** Offset of x17. */
    public static final int X17_OFFSET;
    /** Offset of x18. */
    public static final int X18_OFFSET;
    /** Offset of x19. */
    public static final int X19_OFFSET;
    /** Offset of x20. */
    public static final int X20_OFFSET;
    /** Offset of x21. */
    public static final int X21_OFFSET;
    /** Offset of x22. */
    public static final int X22_OFFSET;
    /** Offset of x23. */
    public static final int X23_OFFSET;
    /** Offset of x24. */
    public static final int X24_OFFSET;
    /** Offset of x25. */
    public static final int X25_OFFSET;
    /** Offset of x26. */
    public static final int X26_OFFSET;
    /** Offset of x27. */
    public static final int X27_OFFSET;
    /** Offset of x28. */
    public static final int X28_OFFSET;
    /** Offset of x29. */
    public static final int X29_OFFSET;
    /** Offset of x30. */
    public static final int X30_OFFSET;
    /** Offset of the interrupted sp. */
    public static final int SP_OFFSET;
    /** Offset of the interrupted pc. */
    public static final int PC_OFFSET;
    /** Offset of the interrupted pstate. */
    public static final int PSTATE_OFFSET;
    /** Length of the frame in bytes. */
    public static final int FRAME_LENGTH;
    /** The frame length FRAMES.md gives; the static block checks the accumulated layout against it. */
    public static final int REFERENCE_FRAME_LENGTH = 296;

    static final List<FrameField> FIELDS;

    static {
        final FrameLayoutBuilder b = new FrameLayoutBuilder();
        RETURN_ADDRESS_OFFSET = b.field("return_address");
        SIGNUM_OFFSET = b.field("signum");
        SAVED_MASK_OFFSET = b.field("saved_mask");
        X0_OFFSET = b.field("x0");
        X1_OFFSET = b.field("x1");
        X2_OFFSET = b.field("x2");
        X3_OFFSET = b.field("x3");
        X4_OFFSET = b.field("x4");
        X5_OFFSET = b.field("x5");
        X6_OFFSET = b.field("x6");
        X7_OFFSET = b.field("x7");
        X8_OFFSET = b.field("x8");
        X9_OFFSET = b.field("x9");
        X10_OFFSET = b.field("x10");
        X11_OFFSET = b.field("x11");
        X12_OFFSET = b.field("x12");
        X13_OFFSET = b.field("x13");
        X14_OFFSET = b.field("x14");
        X15_OFFSET = b.field("x15");
        X16_OFFSET = b.field("x16");
        X17_OFFSET = b.field("x17");
        X18_OFFSET = b.field("x18");
        X19_OFFSET = b.field("x19");
        X20_OFFSET = b.field("x20");
        X21_OFFSET = b.field("x21");
        X22_OFFSET = b.field("x22");
        X23_OFFSET = b.field("x23");
        X24_OFFSET = b.field("x24");
        X25_OFFSET = b.field("x25");
        X26_OFFSET = b.field("x26");
        X27_OFFSET = b.field("x27");
        X28_OFFSET = b.field("x28");
        X29_OFFSET = b.field("x29");
        X30_OFFSET = b.field("x30");
        SP_OFFSET = b.field("sp");
        PC_OFFSET = b.field("pc");
        PSTATE_OFFSET = b.field("pstate");
        FRAME_LENGTH = b.length();
        FIELDS = b.fields();
        b.check("aarch64", REFERENCE_FRAME_LENGTH, RegisterNames.AARCH64);
    }

    private Aarch64FrameDescriptor() {}
}
