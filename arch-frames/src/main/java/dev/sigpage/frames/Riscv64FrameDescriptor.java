package dev.sigpage.frames;

import java.util.List;

/**
 * Layout of the riscv64 signal frame (little-endian, every field 8 bytes, 288 bytes in all).
 *
 * <pre>
 *   frameAddress (sp at handler entry, a1)
 *   +0x000 +-------------------------+
 *          | return address          |  trampoline (or restorer) address, also in ra
 *   +0x008 +-------------------------+
 *          | signum                  |
 *   +0x010 +-------------------------+
 *          | saved mask              |  the interrupted mask, as given
 *   +0x018 +-------------------------+
 *          | x1 .. x31               |  ra sp gp tp t0-t2 s0 s1 a0-a7 s2-s11 t3-t6
 *   +0x110 +-------------------------+
 *          | pc                      |
 *   +0x118 +-------------------------+
 *          | sstatus                 |
 *   +0x120 +-------------------------+  FRAME_LENGTH = 288; the 16-byte trampoline follows
 * </pre>
 */
public final class Riscv64FrameDescriptor {
    /** Offset of the trampoline return address. */
    public static final int RETURN_ADDRESS_OFFSET;
    /** Offset of the signal number. */
    public static final int SIGNUM_OFFSET;
    /** Offset of the saved signal mask. */
    public static final int SAVED_MASK_OFFSET;
    /** Offset of ra (x1). */
    public static final int RA_OFFSET;
    /** Offset of sp (x2). */
    public static final int SP_OFFSET;
    /** Offset of gp (x3). */
    public static final int GP_OFFSET;
    /** Offset of tp (x4). */
    public static final int TP_OFFSET;
    /** Offset of t0 (x5). */
    public static final int T0_OFFSET;
    /** Offset of t1 (x6). */
    public static final int T1_OFFSET;
    /** Offset of t2 (x7). */
    public static final int T2_OFFSET;
    /** Offset of s0 (x8). */
    public static final int S0_OFFSET;
    /** Offset of s1 (x9). */
    public static final int S1_OFFSET;
    /** Offset of a0 (x10). */
    public static final int A0_OFFSET;
    /** Offset of a1 (x11). */
    public static final int A1_OFFSET;
    /** Offset of a2 (x12). */
    public static final int A2_OFFSET;
    /** Offset of a3 (x13). */
    public static final int A3_OFFSET;
    /** Offset of a4 (x14). */
    public static final int A4_OFFSET;
    /** Offset of a5 (x15). */
    public static final int A5_OFFSET;
    /** Offset of a6 (x16). */
    public static final int A6_OFFSET;
    /** Offset of a7 (x17). */
    public static final int A7_OFFSET;
    /** Offset of s2 (x18). */
    public static final int S2_OFFSET;
    /** Offset of s3 (x19). */
    public static final int S3_OFFSET;
    /** Offset of s4 (x20). */
    public static final int S4_OFFSET;
    /** Offset of s5 (x21). */
    public static final int S5_OFFSET;
    /** Offset of s6 (x22). */
    public static final int S6_OFFSET;
    /** Offset of s7 (x23). */
    public static final int S7_OFFSET;
    /** Offset of s8 (x24). */
    public static final int S8_OFFSET;
    /** Offset of s9 (x25). */
    public static final int S9_OFFSET;
    /** Offset of s10 (x26). */
    public static final int S10_OFFSET;
    /** Offset of s11 (x27). */
    public static final int S11_OFFSET;
    /** Offset of t3 (x28). */
    public static final int T3_OFFSET;
    /** Offset of t4 (x29). */
    public static final int T4_OFFSET;
    /** Offset of t5 (x30). */
    public static final int T5_OFFSET;
    /** Offset of t6 (x31). */
    public static final int T6_OFFSET;
    /** Offset of the interrupted pc. */
    public static final int PC_OFFSET;
    /** Offset of the interrupted sstatus. */
    public static final int SSTATUS_OFFSET;
    /** Length of the frame in bytes. */
    public static final int FRAME_LENGTH;
    /** The frame length FRAMES.md gives; the static block checks the accumulated layout against it. */
    public static final int REFERENCE_FRAME_LENGTH = 288;

    static final List<FrameField> FIELDS;

    static {
        final FrameLayoutBuilder b = new FrameLayoutBuilder();
        RETURN_ADDRESS_OFFSET = b.field("return_address");
        SIGNUM_OFFSET = b.field("signum");
        SAVED_MASK_OFFSET = b.field("saved_mask");
        RA_OFFSET = b.field("ra");
        SP_OFFSET = b.field("sp");
        GP_OFFSET = b.field("gp");
        TP_OFFSET = b.field("tp");
        T0_OFFSET = b.field("t0");
        T1_OFFSET = b.field("t1");
        T2_OFFSET = b.field("t2");
        S0_OFFSET = b.field("s0");
        S1_OFFSET = b.field("s1");
        A0_OFFSET = b.field("a0");
        A1_OFFSET = b.field("a1");
        A2_OFFSET = b.field("a2");
        A3_OFFSET = b.field("a3");
        A4_OFFSET = b.field("a4");
        A5_OFFSET = b.field("a5");
        A6_OFFSET = b.field("a6");
        A7_OFFSET = b.field("a7");
        S2_OFFSET = b.field("s2");
        S3_OFFSET = b.field("s3");
        S4_OFFSET = b.field("s4");
        S5_OFFSET = b.field("s5");
        S6_OFFSET = b.field("s6");
        S7_OFFSET = b.field("s7");
        S8_OFFSET = b.field("s8");
        S9_OFFSET = b.field("s9");
        S10_OFFSET = b.field("s10");
        S11_OFFSET = b.field("s11");
        T3_OFFSET = b.field("t3");
        T4_OFFSET = b.field("t4");
        T5_OFFSET = b.field("t5");
        T6_OFFSET = b.field("t6");
        PC_OFFSET = b.field("pc");
        SSTATUS_OFFSET = b.field("sstatus");
        FRAME_LENGTH = b.length();
        FIELDS = b.fields();
        b.check("riscv64", REFERENCE_FRAME_LENGTH, RegisterNames.RISCV64);
    }

    private Riscv64FrameDescriptor() {}
}
