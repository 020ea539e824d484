package dev.sigpage.frames;

/**
 * Layout of Linux's AArch64 {@code struct rt_sigframe} (little-endian, F 16-byte aligned, the handler's sp).
 *
 * <pre>
 *   F +0     siginfo             128   only with SA_SIGINFO
 *     +128   uc_flags              8   0
 *     +136   uc_link               8   0
 *     +144   uc_stack             24   ss_sp, ss_flags (4; +156 padding never written), ss_size
 *     +168   uc_sigmask            8
 *     +176   __unused + padding  128   never written
 *     +304   fault_address         8
 *     +312   x0..x30             248
 *     +560   sp, pc, pstate       24   (+584: 8 bytes of padding, never written)
 *     +592   __reserved         4096   records: fpsimd {0x46508001, 528}, esr {0x45535201, 16} when the thread
 *                                      has faulted, sve {0x53564501, 16, vl} on SVE hardware, terminator {0, 0};
 *                                      the rest never written
 *     +4688  frame record         16   {x29, x30}; x29 at entry points here
 * </pre>
 */
public final class LinuxAarch64FrameDescriptor {
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
    /** Offset of sigcontext.fault_address. */
    public static final int FAULT_ADDRESS_OFFSET;
    /** Offset of x0; x{n} is at {@code X0_OFFSET + 8n}. */
    public static final int X0_OFFSET;
    /** Offset of sp. */
    public static final int SP_OFFSET;
    /** Offset of pc. */
    public static final int PC_OFFSET;
    /** Offset of pstate. */
    public static final int PSTATE_OFFSET;
    /** Offset of the record area {@code __reserved}. */
    public static final int RESERVED_OFFSET;
    /** Size of the record area. */
    public static final int RESERVED_LENGTH = 4096;
    /** sizeof(struct rt_sigframe); also the offset of the frame record. */
    public static final int FRAME_LENGTH;
    /** Size of the frame record {fp, lr} above the frame. */
    public static final int FRAME_RECORD_LENGTH = 16;
    /** The size FRAMES.md gives; the static block checks the accumulated layout against it. */
    public static final int REFERENCE_FRAME_LENGTH = 4688;
    /** Every record: offset of its size (u32) after its magic (u32). */
    public static final int RECORD_SIZE_OFFSET = 4;
    /** Every record: offset of its first field after the header. */
    public static final int RECORD_BODY_OFFSET = 8;
    /** sve_context: offset of flags (u16) after vl (u16) at the body. */
    public static final int SVE_FLAGS_OFFSET = 10;
    /** fpsimd_context magic. */
    public static final int FPSIMD_MAGIC = 0x46508001;
    /** fpsimd_context size: header, fpsr, fpcr, 32 16-byte vregs. */
    public static final int FPSIMD_SIZE = 528;
    /** esr_context magic. */
    public static final int ESR_MAGIC = 0x45535201;
    /** esr_context size. */
    public static final int ESR_SIZE = 16;
    /** sve_context magic. */
    public static final int SVE_MAGIC = 0x53564501;
    /** sve_context size without register payload: header, vl, flags, reserved. */
    public static final int SVE_HEADER_SIZE = 16;
    /** Bytes the terminator record writes (magic and size, both 0). */
    public static final int TERMINATOR_WRITTEN = 8;

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
        at += 120 + 8; // glibc's sigset room, then padding to the 16-aligned sigcontext
        FAULT_ADDRESS_OFFSET = at;
        at += 8;
        X0_OFFSET = at;
        at += 31 * 8;
        SP_OFFSET = at;
        at += 8;
        PC_OFFSET = at;
        at += 8;
        PSTATE_OFFSET = at;
        at += 8;
        at += 8; // padding: __reserved is 16-aligned
        RESERVED_OFFSET = at;
        at += RESERVED_LENGTH;
        FRAME_LENGTH = at;
        if (FRAME_LENGTH != REFERENCE_FRAME_LENGTH || RESERVED_OFFSET % 16 != 0 || FAULT_ADDRESS_OFFSET != 304) {
            throw new IllegalStateException("linux aarch64 rt_sigframe must be 4688 bytes: length=" + FRAME_LENGTH);
        }
    }

    private LinuxAarch64FrameDescriptor() {}
}
