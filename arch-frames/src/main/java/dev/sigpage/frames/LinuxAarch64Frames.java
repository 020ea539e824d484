package dev.sigpage.frames;

import static dev.sigpage.frames.LinuxAarch64FrameDescriptor.*;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Linux AArch64 delivery ({@code get_sigframe}, {@code setup_sigframe}, {@code setup_return}) and
 * {@code rt_sigreturn} on an ARMv8.0 machine (no SVE, SME, GCS, POE, FPMR or BTI), per FRAMES.md:
 * <pre>
 * top = SA_ONSTACK and the altstack is available at sp ? altstack top : sp      (no red zone)
 * F   = round_down(top - 16, 16) - 4688          frame record {x29, x30} at F + 4688
 * </pre>
 * The kernel does not check that a frame fits on the alternate stack on this architecture.
 */
final class LinuxAarch64Frames {
    /** PSTATE.TCO, cleared for the handler. */
    private static final long PSTATE_TCO = 1L << 25;
    /** PSTATE.SS, single-step: forced off by sigreturn (the thread is not being stepped). */
    private static final long PSTATE_SS = 1L << 21;
    /** Bits valid_user_regs clears silently: 63:32, 27:26, 23:22, 20:13 and 5. */
    private static final long PSTATE_RES0 = 0xFFFF_FFFF_0CDF_E020L;
    /** NZCV: what pstate keeps when valid_user_regs rejects it. */
    private static final long PSTATE_NZCV = 0xF000_0000L;

    private static final long PSTATE_M = 0xFL;
    private static final long PSTATE_NRW = 0x10L;
    private static final long PSTATE_DAIF = 0x3C0L;

    private LinuxAarch64Frames() {}

    static Delivery deliver(final DeliveryRequest r) {
        LinuxFrames.requireRestorer(r, "sa_restorer with SA_RESTORER, else the vDSO's __kernel_rt_sigreturn");
        final LinuxSignalContext c = r.linux();
        final RegisterFile regs = LinuxFrames.afterRestart(r, "x0", 4);
        final long sp = regs.get("sp");
        final LinuxAltStack alt = c.altStack();
        final boolean entering = (c.saFlags() & LinuxSignalContext.SA_ONSTACK) != 0 && alt.available(sp);
        final long top = entering ? alt.top() : sp;
        LinuxFrames.requireRoom(entering ? "ss_sp" : "sp", top, 2L * FRAME_RECORD_LENGTH + FRAME_LENGTH);
        final long record = (top - FRAME_RECORD_LENGTH) & -16L;
        final long frame = record - FRAME_LENGTH;
        final FrameImage image = new FrameImage(frame, FRAME_LENGTH + FRAME_RECORD_LENGTH);
        if (c.sigInfoRequested()) {
            image.putBytes(frame + INFO_OFFSET, c.sigInfo().delivered(r.signal()));
        }
        image.putLong(frame + UC_FLAGS_OFFSET, 0);
        image.putLong(frame + UC_LINK_OFFSET, 0);
        image.putLong(frame + SS_SP_OFFSET, alt.sp());
        image.putInt(frame + SS_FLAGS_OFFSET, alt.flags());
        image.putLong(frame + SS_SIZE_OFFSET, alt.size());
        image.putLong(frame + UC_SIGMASK_OFFSET, r.mask());
        image.putLong(frame + FAULT_ADDRESS_OFFSET, c.faultAddress());
        for (int n = 0; n <= 30; n++) {
            image.putLong(frame + X0_OFFSET + 8L * n, regs.get("x" + n));
        }
        image.putLong(frame + SP_OFFSET, sp);
        image.putLong(frame + PC_OFFSET, regs.get("pc"));
        image.putLong(frame + PSTATE_OFFSET, regs.get("pstate"));
        long rec = frame + RESERVED_OFFSET;
        image.putInt(rec, FPSIMD_MAGIC);
        image.putInt(rec + RECORD_SIZE_OFFSET, FPSIMD_SIZE);
        image.zero(
                rec + RECORD_BODY_OFFSET,
                FPSIMD_SIZE - RECORD_BODY_OFFSET); // fpsr, fpcr, v0..v31: the thread's FP state (init here)
        rec += FPSIMD_SIZE;
        if (c.errorCode() != 0) {
            image.putInt(rec, ESR_MAGIC);
            image.putInt(rec + RECORD_SIZE_OFFSET, ESR_SIZE);
            image.putLong(rec + RECORD_BODY_OFFSET, c.errorCode());
            rec += ESR_SIZE;
        }
        if (c.sveVectorLength() != 0) {
            image.zero(rec, SVE_HEADER_SIZE);
            image.putInt(rec, SVE_MAGIC);
            image.putInt(rec + RECORD_SIZE_OFFSET, SVE_HEADER_SIZE);
            image.putShort(
                    rec + RECORD_BODY_OFFSET, c.sveVectorLength()); // flags 0: not streaming; no payload: FPSIMD state
            rec += SVE_HEADER_SIZE;
        }
        image.zero(rec, TERMINATOR_WRITTEN);
        image.putLong(record, regs.get("x29"));
        image.putLong(record + Long.BYTES, regs.get("x30"));
        final Map<String, Long> entry = new LinkedHashMap<>();
        entry.put("pc", r.handler());
        entry.put("sp", frame);
        entry.put("x0", (long) r.signal());
        if (c.sigInfoRequested()) {
            entry.put("x1", frame + INFO_OFFSET);
            entry.put("x2", frame + UC_FLAGS_OFFSET);
        }
        entry.put("x29", record);
        entry.put("x30", r.restorer().getAsLong());
        entry.put("pstate", regs.get("pstate") & ~PSTATE_TCO);
        return LinuxFrames.assemble(r, frame, image, entry);
    }

    /** {@code rt_sigreturn} with the frame at {@code frame} (sp at the call). */
    static RestoredContext restore(final UserMemory memory, final long frame, final LinuxSignalContext context) {
        if ((frame & 15) != 0) {
            throw new FrameRefusedException(
                    "sp must be 16-byte aligned at rt_sigreturn (the kernel sends SIGSEGV)", "sp", frame);
        }
        final byte[] f = LinuxFrames.read(memory, frame + UC_FLAGS_OFFSET, RESERVED_OFFSET - UC_FLAGS_OFFSET);
        final int base = UC_FLAGS_OFFSET;
        final long mask = LinuxFrames.getLong(f, UC_SIGMASK_OFFSET - base) & ~Variant.LINUX.unblockableBits();
        RegisterFile regs = RegisterFile.zero(Arch.AARCH64);
        for (int n = 0; n <= 30; n++) {
            regs = regs.with("x" + n, LinuxFrames.getLong(f, X0_OFFSET - base + 8 * n));
        }
        regs = regs.with("sp", LinuxFrames.getLong(f, SP_OFFSET - base));
        regs = regs.with("pc", LinuxFrames.getLong(f, PC_OFFSET - base));
        final long saved = LinuxFrames.getLong(f, PSTATE_OFFSET - base);
        final long pstate = saved & ~PSTATE_SS & ~PSTATE_RES0;
        if ((pstate & (PSTATE_M | PSTATE_NRW | PSTATE_DAIF)) != 0) {
            throw new FrameRefusedException(
                    "pstate must be AArch64 EL0t with D, A, I and F clear (valid_user_regs;"
                            + " the kernel sends SIGSEGV)",
                    "pstate",
                    saved);
        }
        walkRecords(memory, frame + RESERVED_OFFSET, context.sveVectorLength());
        LinuxFrames.checkUserPc(Arch.AARCH64, regs.get("pc"));
        return new RestoredContext(regs.with("pstate", pstate), mask);
    }

    /**
     * {@code parse_user_sigframe} on a machine without SME: records at 16-byte aligned offsets, each at least a
     * header long and inside the area; exactly one fpsimd record of 528 bytes; an esr record is ignored; at most
     * one header-only, non-streaming sve record, only on SVE hardware and with the thread's vector length; the
     * terminator has size 0; any other magic (extra_context included, which this model does not follow) is
     * refused.
     */
    private static void walkRecords(final UserMemory memory, final long area, final int sveVectorLength) {
        long offset = 0;
        boolean fpsimd = false;
        boolean sve = false;
        while (true) {
            if (RESERVED_LENGTH - offset < 8) {
                throw new FrameRefusedException(
                        "records must end with a terminator inside __reserved", "address", area + offset);
            }
            final byte[] head = LinuxFrames.read(memory, area + offset, 8);
            final long magic = LinuxFrames.getInt(head, 0);
            final long size = LinuxFrames.getInt(head, RECORD_SIZE_OFFSET);
            if (RESERVED_LENGTH - offset < size) {
                throw new FrameRefusedException("a record must lie inside __reserved", "size", size);
            }
            if (magic == 0) {
                if (size != 0) {
                    throw new FrameRefusedException("the terminator record must have size 0", "size", size);
                }
                break;
            } else if (magic == FPSIMD_MAGIC) {
                if (fpsimd || size != FPSIMD_SIZE) {
                    throw new FrameRefusedException("exactly one fpsimd record of 528 bytes", "size", size);
                }
                LinuxFrames.read(memory, area + offset, FPSIMD_SIZE);
                fpsimd = true;
            } else if (magic == SVE_MAGIC) {
                if (sveVectorLength == 0 || sve) {
                    throw new FrameRefusedException(
                            "an sve record needs SVE hardware and may appear once", "magic", magic);
                }
                final byte[] rec = LinuxFrames.read(memory, area + offset, SVE_HEADER_SIZE);
                final long vl = LinuxFrames.getShort(rec, RECORD_BODY_OFFSET);
                if (vl != sveVectorLength) {
                    throw new FrameRefusedException(
                            "the sve record's vl must be the thread's vector length " + sveVectorLength, "vl", vl);
                }
                if (size != SVE_HEADER_SIZE || (LinuxFrames.getShort(rec, SVE_FLAGS_OFFSET) & 1) != 0) {
                    throw new FrameRefusedException(
                            "only a header-only, non-streaming sve record is modelled", "size", size);
                }
                sve = true;
            } else if (magic != ESR_MAGIC) {
                throw new FrameRefusedException(
                        "record magic must be fpsimd, esr, sve or the terminator on this" + " machine", "magic", magic);
            }
            if (size < 8 || (size & 15) != 0) {
                throw new FrameRefusedException(
                        "a record must be a 16-byte multiple of at least 16 bytes", "size", size);
            }
            offset += size;
        }
        if (!fpsimd) {
            throw new FrameRefusedException("the fpsimd record is required", "magic", 0);
        }
    }
}
