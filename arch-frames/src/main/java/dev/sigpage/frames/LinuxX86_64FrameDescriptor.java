package dev.sigpage.frames;

/**
 * Layout of Linux's x86-64 {@code struct rt_sigframe} and of the FP area the frame points to (little-endian).
 * Offsets are from the frame address F, the handler's {@code rsp} at entry ({@code F % 16 == 8}).
 *
 * <pre>
 *   F +0    pretcode            8   sa_restorer, popped by the handler's ret
 *     +8    uc_flags            8   UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS
 *     +16   uc_link             8   0
 *     +24   uc_stack.ss_sp      8
 *     +32   uc_stack.ss_flags   4   (+36: 4 bytes of padding, never written)
 *     +40   uc_stack.ss_size    8
 *     +48   sigcontext        256   r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags,
 *                                   cs gs fs ss (2 each), err, trapno, oldmask, cr2, fpstate, reserved1[8]
 *     +304  uc_sigmask          8
 *     +312  siginfo           128   only with SA_SIGINFO
 *     +440  gap                16   never written
 *     +456  FP area (fpstate, 64-byte aligned): FXSAVE legacy region 0..415, 416..463 never written,
 *           sw_reserved 464..511 {magic1, extended_size, xfeatures, xstate_size, padding}, XSAVE header
 *           512..575, components at their standard offsets, magic2 at xstate_size
 * </pre>
 */
public final class LinuxX86_64FrameDescriptor {
    /** Offset of pretcode. */
    public static final int PRETCODE_OFFSET;
    /** Offset of uc_flags. */
    public static final int UC_FLAGS_OFFSET;
    /** Offset of uc_link. */
    public static final int UC_LINK_OFFSET;
    /** Offset of uc_stack.ss_sp. */
    public static final int SS_SP_OFFSET;
    /** Offset of uc_stack.ss_flags (4 bytes). */
    public static final int SS_FLAGS_OFFSET;
    /** Offset of uc_stack.ss_size. */
    public static final int SS_SIZE_OFFSET;
    /** Offset of the sigcontext (uc_mcontext), starting with r8. */
    public static final int SIGCONTEXT_OFFSET;
    /** Offset of rdi. */
    public static final int RDI_OFFSET;
    /** Offset of rsi. */
    public static final int RSI_OFFSET;
    /** Offset of rbp. */
    public static final int RBP_OFFSET;
    /** Offset of rbx. */
    public static final int RBX_OFFSET;
    /** Offset of rdx. */
    public static final int RDX_OFFSET;
    /** Offset of rax. */
    public static final int RAX_OFFSET;
    /** Offset of rcx. */
    public static final int RCX_OFFSET;
    /** Offset of rsp. */
    public static final int RSP_OFFSET;
    /** Offset of rip. */
    public static final int RIP_OFFSET;
    /** Offset of eflags. */
    public static final int EFLAGS_OFFSET;
    /** Offset of cs (2 bytes). */
    public static final int CS_OFFSET;
    /** Offset of gs (2 bytes, written 0). */
    public static final int GS_OFFSET;
    /** Offset of fs (2 bytes, written 0). */
    public static final int FS_OFFSET;
    /** Offset of ss (2 bytes). */
    public static final int SS_OFFSET;
    /** Offset of err. */
    public static final int ERR_OFFSET;
    /** Offset of trapno. */
    public static final int TRAPNO_OFFSET;
    /** Offset of oldmask. */
    public static final int OLDMASK_OFFSET;
    /** Offset of cr2. */
    public static final int CR2_OFFSET;
    /** Offset of the fpstate pointer. */
    public static final int FPSTATE_OFFSET;
    /** Offset of reserved1[8] (never written). */
    public static final int RESERVED1_OFFSET;
    /** Offset of uc_sigmask. */
    public static final int UC_SIGMASK_OFFSET;
    /** Offset of siginfo. */
    public static final int INFO_OFFSET;
    /** sizeof(struct rt_sigframe). */
    public static final int FRAME_LENGTH;
    /** Bytes from F to the FP area: the frame and a 16-byte gap. */
    public static final int FPSTATE_DISTANCE = 456;
    /** The size FRAMES.md gives; the static block checks the accumulated layout against it. */
    public static final int REFERENCE_FRAME_LENGTH = 440;

    /** FP area: offset of MXCSR in the legacy region. */
    public static final int FP_MXCSR_OFFSET = 24;
    /** FP area: offset of MXCSR_MASK. */
    public static final int FP_MXCSR_MASK_OFFSET = 28;
    /** FP area: first byte after what FXSAVE/XSAVE store in the legacy region. */
    public static final int FP_LEGACY_STORED_LENGTH = 416;
    /** FP area: offset of sw_reserved ({@code struct _fpx_sw_bytes}). */
    public static final int FP_SW_RESERVED_OFFSET = 464;
    /** sw_reserved: offset of extended_size (u32: xstate_size + 4). */
    public static final int SW_EXTENDED_SIZE_OFFSET = 4;
    /** sw_reserved: offset of xfeatures (u64). */
    public static final int SW_XFEATURES_OFFSET = 8;
    /** sw_reserved: offset of xstate_size (u32). */
    public static final int SW_XSTATE_SIZE_OFFSET = 16;
    /** sw_reserved: offset of padding[7] (zeros up to the XSAVE header). */
    public static final int SW_PADDING_OFFSET = 20;
    /** FP area: offset of the XSAVE header (XSTATE_BV, then XCOMP_BV). */
    public static final int FP_XSAVE_HEADER_OFFSET = 512;
    /** FP area: offset of XCOMP_BV. */
    public static final int FP_XCOMP_BV_OFFSET = 520;
    /** FP_XSTATE_MAGIC1 ("SXPF"). */
    public static final int FP_XSTATE_MAGIC1 = 0x46505853;
    /** FP_XSTATE_MAGIC2 ("EXPF"), at xstate_size. */
    public static final int FP_XSTATE_MAGIC2 = 0x46505845;
    /** uc_flags: UC_FP_XSTATE. */
    public static final long UC_FP_XSTATE = 0x1;
    /** uc_flags: UC_SIGCONTEXT_SS. */
    public static final long UC_SIGCONTEXT_SS = 0x2;
    /** uc_flags: UC_STRICT_RESTORE_SS. */
    public static final long UC_STRICT_RESTORE_SS = 0x4;

    static {
        int at = 0;
        PRETCODE_OFFSET = at;
        at += 8;
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
        SIGCONTEXT_OFFSET = at;
        at += 8 * 8; // r8..r15
        RDI_OFFSET = at;
        at += 8;
        RSI_OFFSET = at;
        at += 8;
        RBP_OFFSET = at;
        at += 8;
        RBX_OFFSET = at;
        at += 8;
        RDX_OFFSET = at;
        at += 8;
        RAX_OFFSET = at;
        at += 8;
        RCX_OFFSET = at;
        at += 8;
        RSP_OFFSET = at;
        at += 8;
        RIP_OFFSET = at;
        at += 8;
        EFLAGS_OFFSET = at;
        at += 8;
        CS_OFFSET = at;
        at += 2;
        GS_OFFSET = at;
        at += 2;
        FS_OFFSET = at;
        at += 2;
        SS_OFFSET = at;
        at += 2;
        ERR_OFFSET = at;
        at += 8;
        TRAPNO_OFFSET = at;
        at += 8;
        OLDMASK_OFFSET = at;
        at += 8;
        CR2_OFFSET = at;
        at += 8;
        FPSTATE_OFFSET = at;
        at += 8;
        RESERVED1_OFFSET = at;
        at += 8 * 8;
        UC_SIGMASK_OFFSET = at;
        at += 8;
        INFO_OFFSET = at;
        at += LinuxSigInfo.LENGTH;
        FRAME_LENGTH = at;
        if (FRAME_LENGTH != REFERENCE_FRAME_LENGTH
                || RESERVED1_OFFSET - SIGCONTEXT_OFFSET != 192
                || INFO_OFFSET != 312) {
            throw new IllegalStateException(
                    "linux x86_64 rt_sigframe must be 440 bytes with siginfo at 312: length=" + FRAME_LENGTH);
        }
    }

    /** The sigcontext's general registers in frame order, from r8 at {@link #SIGCONTEXT_OFFSET}. */
    static final String[] SIGCONTEXT_GPRS = {
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rdi", "rsi", "rbp", "rbx", "rdx", "rax", "rcx", "rsp",
        "rip", "rflags"
    };

    private LinuxX86_64FrameDescriptor() {}
}
