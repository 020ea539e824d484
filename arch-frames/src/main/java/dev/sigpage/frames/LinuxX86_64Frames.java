package dev.sigpage.frames;

import static dev.sigpage.frames.LinuxX86_64FrameDescriptor.*;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Linux x86-64 delivery ({@code get_sigframe}, {@code x64_setup_rt_frame}) and {@code rt_sigreturn}, per
 * FRAMES.md:
 * <pre>
 * sp0     = SA_ONSTACK and the altstack is available at rsp - 128 ? altstack top : rsp - 128
 * fpstate = round_down(sp0 - fpsize, 64)          fpsize = xstate user size + 4 (512 without XSAVE)
 * F       = round_down(fpstate - 440, 16) - 8     (= fpstate - 456)
 * </pre>
 * A delivery that enters or is already on the altstack must keep F on it, else the kernel sends SIGSEGV: refused.
 */
final class LinuxX86_64Frames {
    private static final long RED_ZONE = 128;
    private static final long FP_ALIGNMENT = 64;
    private static final long DF = 0x400;
    private static final long TF = 0x100;
    private static final long RF = 0x10000;
    /** x87 control word in its init state. */
    private static final int FCW_INIT = 0x37f;
    /** MXCSR in its init state. */
    private static final int MXCSR_INIT = 0x1f80;
    /** The XSAVE header's reserved bytes after XCOMP_BV. */
    private static final int XSAVE_HEADER_RESERVED_OFFSET = FP_XCOMP_BV_OFFSET + 8;
    /** The PKRU feature bit. */
    private static final int PKRU_BIT = 9;

    private LinuxX86_64Frames() {}

    static Delivery deliver(final DeliveryRequest r) {
        LinuxFrames.requireRestorer(r, "SA_RESTORER is mandatory on x86-64");
        final LinuxSignalContext c = r.linux();
        final X86_64XsaveFeatures fp = c.xsave();
        final RegisterFile regs = LinuxFrames.afterRestart(r, "rax", 2);
        final long rsp = regs.get("rsp");
        final LinuxAltStack alt = c.altStack();
        final boolean nested = alt.onStack(rsp);
        LinuxFrames.requireRoom("rsp", rsp, RED_ZONE);
        long sp = rsp - RED_ZONE;
        boolean entering = false;
        if ((c.saFlags() & LinuxSignalContext.SA_ONSTACK) != 0 && alt.available(sp)) {
            sp = alt.top();
            entering = true;
        }
        final int fpSize = fp.frameSize();
        final long needed = fpSize + FP_ALIGNMENT + FPSTATE_DISTANCE;
        if (entering) {
            LinuxFrames.requireRoom("ss_sp", sp, needed);
        } else {
            LinuxFrames.requireRoom("rsp", rsp, needed + RED_ZONE);
        }
        final long fpstate = (sp - fpSize) & -FP_ALIGNMENT;
        final long frame = fpstate - FPSTATE_DISTANCE;
        if ((nested || entering) && !alt.contains(frame)) {
            if (entering) {
                throw new FrameRefusedException(
                        "alternate stack must hold the " + (sp - frame) + "-byte frame (the kernel sends SIGSEGV)",
                        "ss_size",
                        alt.size());
            }
            throw new FrameRefusedException(
                    "frame must stay on the alternate stack the thread is running on (the" + " kernel sends SIGSEGV)",
                    "rsp",
                    rsp);
        }
        final FrameImage image = new FrameImage(frame, (int) (sp - frame));
        writeFpArea(image, fpstate, fp);
        image.putLong(frame + PRETCODE_OFFSET, r.restorer().getAsLong());
        final long ucFlags = (fp.xsave() ? UC_FP_XSTATE : 0)
                | UC_SIGCONTEXT_SS
                | (c.cs() == LinuxSignalContext.USER_CS ? UC_STRICT_RESTORE_SS : 0);
        image.putLong(frame + UC_FLAGS_OFFSET, ucFlags);
        image.putLong(frame + UC_LINK_OFFSET, 0);
        image.putLong(frame + SS_SP_OFFSET, alt.sp());
        image.putInt(frame + SS_FLAGS_OFFSET, alt.flags());
        image.putLong(frame + SS_SIZE_OFFSET, alt.size());
        for (int i = 0; i < SIGCONTEXT_GPRS.length; i++) {
            image.putLong(frame + SIGCONTEXT_OFFSET + 8L * i, regs.get(SIGCONTEXT_GPRS[i]));
        }
        image.putShort(frame + CS_OFFSET, c.cs());
        image.putShort(frame + GS_OFFSET, 0);
        image.putShort(frame + FS_OFFSET, 0);
        image.putShort(frame + SS_OFFSET, c.ss());
        image.putLong(frame + ERR_OFFSET, c.errorCode());
        image.putLong(frame + TRAPNO_OFFSET, c.trapNumber());
        image.putLong(frame + OLDMASK_OFFSET, r.mask());
        image.putLong(frame + CR2_OFFSET, c.faultAddress());
        image.putLong(frame + FPSTATE_OFFSET, fpstate);
        image.putLong(frame + UC_SIGMASK_OFFSET, r.mask());
        if (c.sigInfoRequested()) {
            image.putBytes(frame + INFO_OFFSET, c.sigInfo().delivered(r.signal()));
        }
        final Map<String, Long> entry = new LinkedHashMap<>();
        entry.put("rip", r.handler());
        entry.put("rsp", frame);
        entry.put("rdi", (long) r.signal());
        entry.put("rsi", frame + INFO_OFFSET);
        entry.put("rdx", frame + UC_FLAGS_OFFSET);
        entry.put("rax", 0L);
        entry.put("rflags", regs.get("rflags") & ~(DF | RF | TF));
        return LinuxFrames.assemble(r, frame, image, entry);
    }

    /**
     * The FP area: the registers' payload in their init state (the machine's real contents depend on the thread's
     * vector use; compare them masked), the kernel's sw_reserved bytes, the cleared XSAVE header and magic2. The
     * bytes XSAVE never stores (legacy 416..463, gaps between components, padding after magic2) stay unwritten.
     */
    private static void writeFpArea(final FrameImage image, final long fpstate, final X86_64XsaveFeatures fp) {
        image.zero(fpstate, FP_LEGACY_STORED_LENGTH);
        image.putShort(fpstate, FCW_INIT);
        image.putInt(fpstate + FP_MXCSR_OFFSET, MXCSR_INIT);
        image.putInt(fpstate + FP_MXCSR_MASK_OFFSET, fp.mxcsrMask());
        if (!fp.xsave()) {
            return;
        }
        final long sw = fpstate + FP_SW_RESERVED_OFFSET;
        image.putInt(sw, FP_XSTATE_MAGIC1);
        image.putInt(sw + SW_EXTENDED_SIZE_OFFSET, fp.frameSize());
        image.putLong(sw + SW_XFEATURES_OFFSET, fp.xfeatures());
        image.putInt(sw + SW_XSTATE_SIZE_OFFSET, fp.userSize());
        image.zero(sw + SW_PADDING_OFFSET, FP_XSAVE_HEADER_OFFSET - FP_SW_RESERVED_OFFSET - SW_PADDING_OFFSET);
        image.zero(fpstate + FP_XSAVE_HEADER_OFFSET, X86_64XsaveFeatures.HEADER_LENGTH);
        image.putLong(fpstate + FP_XSAVE_HEADER_OFFSET, X86_64XsaveFeatures.FP_SSE);
        for (final X86_64XsaveFeatures.Component comp : fp.components()) {
            // PKRU is a 4-byte register in an 8-byte component: XSAVE leaves the upper half alone.
            image.zero(fpstate + comp.offset(), comp.bit() == PKRU_BIT ? Integer.BYTES : comp.size());
        }
        image.putInt(fpstate + fp.userSize(), FP_XSTATE_MAGIC2);
    }

    /** {@code rt_sigreturn} with the frame at {@code frame} (the handler's rsp at entry; rsp - 8 at the call). */
    static RestoredContext restore(final UserMemory memory, final long frame, final LinuxSignalContext c) {
        final byte[] f = LinuxFrames.read(memory, frame, FRAME_LENGTH);
        final long mask = LinuxFrames.getLong(f, UC_SIGMASK_OFFSET) & ~Variant.LINUX.unblockableBits();
        final long ucFlags = LinuxFrames.getLong(f, UC_FLAGS_OFFSET);
        final long[] values = new long[RegisterNames.X86_64.size()];
        RegisterFile regs = RegisterFile.of(Arch.X86_64, values);
        for (int i = 0; i < SIGCONTEXT_GPRS.length; i++) {
            regs = regs.with(SIGCONTEXT_GPRS[i], LinuxFrames.getLong(f, SIGCONTEXT_OFFSET + 8 * i));
        }
        final int cs = LinuxFrames.getShort(f, CS_OFFSET) | 3;
        if (cs != LinuxSignalContext.USER_CS) {
            throw new FrameRefusedException(
                    "cs must be the 64-bit user code selector 0x33 once RPL 3 is forced" + " (IRET faults otherwise)",
                    "cs",
                    LinuxFrames.getShort(f, CS_OFFSET));
        }
        final int ss = LinuxFrames.getShort(f, SS_OFFSET) | 3;
        if ((ucFlags & UC_STRICT_RESTORE_SS) != 0 && ss != LinuxSignalContext.USER_DS) {
            throw new FrameRefusedException(
                    "ss must be the user data selector 0x2b when uc_flags has"
                            + " UC_STRICT_RESTORE_SS (IRET faults otherwise)",
                    "ss",
                    LinuxFrames.getShort(f, SS_OFFSET));
        }
        LinuxFrames.checkUserPc(Arch.X86_64, regs.get("rip"));
        checkFpArea(memory, LinuxFrames.getLong(f, FPSTATE_OFFSET), c.xsave());
        regs = regs.with("rflags", UserState.restoredValue(Arch.X86_64, "rflags", regs.get("rflags")));
        return new RestoredContext(regs, mask);
    }

    /**
     * What {@code fpu__restore_sig} and the restoring instruction refuse: a NULL fpstate reinitialises the FPU;
     * otherwise the area must be mapped and 64-byte aligned (16 for the legacy FXRSTOR path); MXCSR must have no
     * bit outside MXCSR_MASK; on the XSAVE path (magic1, a sane xstate_size and magic2 all present) XSTATE_BV must
     * lie inside the machine's features, and XCOMP_BV and the header's bytes 16..23 must be 0.
     */
    private static void checkFpArea(final UserMemory memory, final long fpstate, final X86_64XsaveFeatures fp) {
        if (fpstate == 0) {
            return;
        }
        final byte[] legacy = LinuxFrames.read(memory, fpstate, X86_64XsaveFeatures.LEGACY_LENGTH);
        final long sw = LinuxFrames.getInt(legacy, FP_SW_RESERVED_OFFSET);
        final long xstateSize = LinuxFrames.getInt(legacy, FP_SW_RESERVED_OFFSET + SW_XSTATE_SIZE_OFFSET);
        final long extendedSize = LinuxFrames.getInt(legacy, FP_SW_RESERVED_OFFSET + SW_EXTENDED_SIZE_OFFSET);
        boolean xsavePath = fp.xsave()
                && sw == FP_XSTATE_MAGIC1
                && xstateSize >= X86_64XsaveFeatures.LEGACY_LENGTH + X86_64XsaveFeatures.HEADER_LENGTH
                && xstateSize <= fp.userSize()
                && xstateSize <= extendedSize;
        if (xsavePath) {
            final byte[] magic2 = LinuxFrames.read(memory, fpstate + xstateSize, Integer.BYTES);
            xsavePath = LinuxFrames.getInt(magic2, 0) == FP_XSTATE_MAGIC2;
        }
        final long alignment = xsavePath ? FP_ALIGNMENT : 16;
        if ((fpstate & (alignment - 1)) != 0) {
            throw new FrameRefusedException(
                    "fpstate must be " + alignment + "-byte aligned (the restoring" + " instruction faults)",
                    "fpstate",
                    fpstate);
        }
        final long mxcsr = LinuxFrames.getInt(legacy, FP_MXCSR_OFFSET);
        if ((mxcsr & ~(long) fp.mxcsrMask()) != 0) {
            throw new FrameRefusedException(
                    "mxcsr must have no bit outside MXCSR_MASK " + Hex.of(fp.mxcsrMask())
                            + " (the restoring instruction faults)",
                    "mxcsr",
                    mxcsr);
        }
        if (!xsavePath) {
            return;
        }
        final byte[] header =
                LinuxFrames.read(memory, fpstate + FP_XSAVE_HEADER_OFFSET, X86_64XsaveFeatures.HEADER_LENGTH);
        final long xstateBv = LinuxFrames.getLong(header, 0);
        if ((xstateBv & ~fp.xfeatures()) != 0) {
            throw new FrameRefusedException(
                    "XSTATE_BV must lie inside the machine's features " + Hex.of(fp.xfeatures()) + " (XRSTOR faults)",
                    "xstate_bv",
                    xstateBv);
        }
        final long xcompBv = LinuxFrames.getLong(header, FP_XCOMP_BV_OFFSET - FP_XSAVE_HEADER_OFFSET);
        if (xcompBv != 0) {
            throw new FrameRefusedException(
                    "XCOMP_BV must be 0 in a signal frame's standard-format XSAVE area" + " (XRSTOR faults)",
                    "xcomp_bv",
                    xcompBv);
        }
        final long reserved = LinuxFrames.getLong(header, XSAVE_HEADER_RESERVED_OFFSET - FP_XSAVE_HEADER_OFFSET);
        if (reserved != 0) {
            throw new FrameRefusedException(
                    "the XSAVE header's bytes 16..23 must be 0 (XRSTOR faults; bytes 24..63" + " are ignored)",
                    "xsave_header_16",
                    reserved);
        }
    }
}
