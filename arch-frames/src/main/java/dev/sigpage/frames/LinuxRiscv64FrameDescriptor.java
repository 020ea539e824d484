package dev.sigpage.frames;

/**
 * Layout of Linux's RISC-V 64 {@code struct rt_sigframe} (little-endian, F 16-byte aligned, the handler's sp).
 *
 * <pre>
 *   F +0     siginfo             128   always written
 *     +128   uc_flags, uc_link    16   0, 0
 *     +144   uc_stack             24   ss_sp, ss_flags (4; +156 padding never written), ss_size
 *     +168   uc_sigmask            8
 *     +176   __unused + padding  128   never written
 *     +304   sc_regs             256   pc, then x1..x31 at +8n
 *     +560   f0..f31             256   FP d-state
 *     +816   fcsr                  4   (+820: 4 bytes of struct padding, copied)
 *     +824   rest of the union   252   never written
 *     +1076  sc_extdesc.reserved   4   0
 *     +1080  sc_extdesc.hdr        8   END {0, 0} without vector state
 * </pre>
 */
public final class LinuxRiscv64FrameDescriptor {
    /** Offset of siginfo. */
    public static final int INFO_OFFSET;
    /** Offset of uc_flags (the ucontext). */
    public static final int UC_FLAGS_OFFSET;
    /** Offset of uc_link. */
    public static final int UC_LINK_OFFSET;
    /** Offset of uc_stack.ss_sp. */
    public static final int SS_SP_OFFSET;
    /** Offset of uc_stack.ss_flags (4 bytes). */
    public static final int SS_FLAGS_OFFSET;
    /** Offset of uc_stack.ss_size. */
    public static final int SS_SIZE_OFFSET;
    /** Offset of uc_sigmask. */
    public static final int UC_SIGMASK_OFFSET;
    /** Offset of sc_regs.pc; x{n} is at {@code PC_OFFSET + 8n}. */
    public static final int PC_OFFSET;
    /** Offset of f0. */
    public static final int FP_OFFSET;
    /** Offset of fcsr. */
    public static final int FCSR_OFFSET;
    /** Bytes of the FP d-state the kernel copies: f0..f31, fcsr and the struct's padding. */
    public static final int FP_D_STATE_LENGTH = 264;
    /** Offset of sc_extdesc.reserved. */
    public static final int EXT_RESERVED_OFFSET;
    /** Offset of sc_extdesc.hdr. */
    public static final int EXT_HEADER_OFFSET;
    /** sizeof(struct rt_sigframe). */
    public static final int FRAME_LENGTH;
    /** The size FRAMES.md gives; the static block checks the accumulated layout against it. */
    public static final int REFERENCE_FRAME_LENGTH = 1088;

    static {
        int at = 0;
        INFO_OFFSET = at;
        at += LinuxSigInfo.LENGTH;
        UC_FLAGS_OFFSET = at;
        at += 8;
        UC_LINK_OFFSET = at;
        at += 8;
        SS_SP_OFFSET = at;
        at += 8;
        SS_FLAGS_OFFSET = at;
        at += 8; // ss_flags (4) and padding (4)
        SS_SIZE_OFFSET = at;
        at += 8;
        UC_SIGMASK_OFFSET = at;
        at += 8;
        at += 120 + 8; // glibc's sigset room, then padding to the 16-aligned mcontext
        PC_OFFSET = at;
        at += 32 * 8;
        FP_OFFSET = at;
        at += 32 * 8;
        FCSR_OFFSET = at;
        at += 528 - 32 * 8 - 12; // the q-state-sized union up to sc_extdesc.reserved
        EXT_RESERVED_OFFSET = at;
        at += 4;
        EXT_HEADER_OFFSET = at;
        at += 8;
        FRAME_LENGTH = at;
        if (FRAME_LENGTH != REFERENCE_FRAME_LENGTH || PC_OFFSET != 304 || FCSR_OFFSET != 816) {
            throw new IllegalStateException("linux riscv64 rt_sigframe must be 1088 bytes: length=" + FRAME_LENGTH);
        }
    }

    private LinuxRiscv64FrameDescriptor() {}
}
