package dev.sigpage.frames;

import java.util.ArrayList;
import java.util.List;

/** The named fields of each Linux frame, for dumps: name, offset from F and size, from the descriptors. */
final class LinuxFrameFields {
    /** One field. */
    record Field(String name, int offset, int size) {}

    private LinuxFrameFields() {}

    static int frameLength(final Arch arch) {
        switch (arch) {
            case X86_64:
                return LinuxX86_64FrameDescriptor.FRAME_LENGTH;
            case AARCH64:
                return LinuxAarch64FrameDescriptor.FRAME_LENGTH;
            case RISCV64:
                return LinuxRiscv64FrameDescriptor.FRAME_LENGTH;
            default:
                throw new AssertionError(arch);
        }
    }

    static List<Field> of(final Arch arch) {
        final List<Field> f = new ArrayList<>();
        switch (arch) {
            case X86_64:
                f.add(new Field("pretcode", LinuxX86_64FrameDescriptor.PRETCODE_OFFSET, 8));
                f.add(new Field("uc_flags", LinuxX86_64FrameDescriptor.UC_FLAGS_OFFSET, 8));
                f.add(new Field("uc_link", LinuxX86_64FrameDescriptor.UC_LINK_OFFSET, 8));
                f.add(new Field("ss_sp", LinuxX86_64FrameDescriptor.SS_SP_OFFSET, 8));
                f.add(new Field("ss_flags", LinuxX86_64FrameDescriptor.SS_FLAGS_OFFSET, 4));
                f.add(new Field("ss_size", LinuxX86_64FrameDescriptor.SS_SIZE_OFFSET, 8));
                for (int i = 0; i < LinuxX86_64FrameDescriptor.SIGCONTEXT_GPRS.length; i++) {
                    f.add(new Field(
                            LinuxX86_64FrameDescriptor.SIGCONTEXT_GPRS[i],
                            LinuxX86_64FrameDescriptor.SIGCONTEXT_OFFSET + 8 * i,
                            8));
                }
                f.add(new Field("cs", LinuxX86_64FrameDescriptor.CS_OFFSET, 2));
                f.add(new Field("gs", LinuxX86_64FrameDescriptor.GS_OFFSET, 2));
                f.add(new Field("fs", LinuxX86_64FrameDescriptor.FS_OFFSET, 2));
                f.add(new Field("ss", LinuxX86_64FrameDescriptor.SS_OFFSET, 2));
                f.add(new Field("err", LinuxX86_64FrameDescriptor.ERR_OFFSET, 8));
                f.add(new Field("trapno", LinuxX86_64FrameDescriptor.TRAPNO_OFFSET, 8));
                f.add(new Field("oldmask", LinuxX86_64FrameDescriptor.OLDMASK_OFFSET, 8));
                f.add(new Field("cr2", LinuxX86_64FrameDescriptor.CR2_OFFSET, 8));
                f.add(new Field("fpstate", LinuxX86_64FrameDescriptor.FPSTATE_OFFSET, 8));
                f.add(new Field("uc_sigmask", LinuxX86_64FrameDescriptor.UC_SIGMASK_OFFSET, 8));
                addSigInfo(f, LinuxX86_64FrameDescriptor.INFO_OFFSET);
                return f;
            case AARCH64:
                addSigInfo(f, LinuxAarch64FrameDescriptor.INFO_OFFSET);
                addUcontext(f, LinuxAarch64FrameDescriptor.UC_FLAGS_OFFSET);
                f.add(new Field("fault_address", LinuxAarch64FrameDescriptor.FAULT_ADDRESS_OFFSET, 8));
                for (int n = 0; n <= 30; n++) {
                    f.add(new Field("x" + n, LinuxAarch64FrameDescriptor.X0_OFFSET + 8 * n, 8));
                }
                f.add(new Field("sp", LinuxAarch64FrameDescriptor.SP_OFFSET, 8));
                f.add(new Field("pc", LinuxAarch64FrameDescriptor.PC_OFFSET, 8));
                f.add(new Field("pstate", LinuxAarch64FrameDescriptor.PSTATE_OFFSET, 8));
                f.add(new Field("magic", LinuxAarch64FrameDescriptor.RESERVED_OFFSET, 4));
                f.add(new Field("size", LinuxAarch64FrameDescriptor.RESERVED_OFFSET + 4, 4));
                return f;
            case RISCV64:
                addSigInfo(f, LinuxRiscv64FrameDescriptor.INFO_OFFSET);
                addUcontext(f, LinuxRiscv64FrameDescriptor.UC_FLAGS_OFFSET);
                f.add(new Field("pc", LinuxRiscv64FrameDescriptor.PC_OFFSET, 8));
                for (int n = 1; n <= 31; n++) {
                    f.add(new Field(
                            RegisterNames.RISCV64.get(n - 1), LinuxRiscv64FrameDescriptor.PC_OFFSET + 8 * n, 8));
                }
                f.add(new Field("fcsr", LinuxRiscv64FrameDescriptor.FCSR_OFFSET, 4));
                f.add(new Field("reserved", LinuxRiscv64FrameDescriptor.EXT_RESERVED_OFFSET, 4));
                f.add(new Field("magic", LinuxRiscv64FrameDescriptor.EXT_HEADER_OFFSET, 4));
                f.add(new Field("size", LinuxRiscv64FrameDescriptor.EXT_HEADER_OFFSET + 4, 4));
                return f;
            default:
                throw new AssertionError(arch);
        }
    }

    private static void addSigInfo(final List<Field> f, final int at) {
        f.add(new Field("si_signo", at, 4));
        f.add(new Field("si_errno", at + LinuxSigInfo.ERRNO_OFFSET, 4));
        f.add(new Field("si_code", at + LinuxSigInfo.CODE_OFFSET, 4));
        f.add(new Field("si_pid", at + LinuxSigInfo.PID_OFFSET, 4));
        f.add(new Field("si_uid", at + LinuxSigInfo.UID_OFFSET, 4));
        f.add(new Field("si_value", at + LinuxSigInfo.VALUE_OFFSET, 8));
    }

    private static void addUcontext(final List<Field> f, final int at) {
        f.add(new Field("uc_flags", at, 8));
        f.add(new Field("uc_link", at + 8, 8));
        f.add(new Field("ss_sp", at + 16, 8));
        f.add(new Field("ss_flags", at + 24, 4));
        f.add(new Field("ss_size", at + 32, 8));
        f.add(new Field("uc_sigmask", at + 40, 8));
    }
}
