package dev.sigpage.frames;

/**
 * The code a Linux handler returns to, which the linux variant never writes (pass its address as the restorer):
 * on x86-64 the C library's {@code sa_restorer} ({@code mov rax,15; syscall}, glibc's {@code __restore_rt}), on
 * AArch64 the vDSO's {@code __kernel_rt_sigreturn} ({@code movz x8,#139; svc #0}), on RISC-V the vDSO's
 * {@code __vdso_rt_sigreturn} ({@code addi a7,zero,139; ecall}). Useful to a kernel or emulator that must
 * provide it, and to tests that place it.
 */
public final class LinuxRestorer {
    /** {@code rt_sigreturn} on x86-64. */
    public static final int X86_64_RT_SIGRETURN = 15;
    /** {@code rt_sigreturn} on AArch64 and RISC-V (the generic table). */
    public static final int GENERIC_RT_SIGRETURN = 139;

    private LinuxRestorer() {}

    /**
     * The restorer's instructions, little-endian.
     *
     * @param arch the architecture
     * @return x86-64 {@code 48 c7 c0 0f 00 00 00 0f 05}; AArch64 {@code 0xd2801168 0xd4000001}; RISC-V
     *         {@code 0x08b00893 0x00000073}
     */
    public static byte[] code(final Arch arch) {
        final ByteSink out;
        switch (arch) {
            case X86_64:
                out = new ByteSink(9);
                out.put(new byte[] {0x48, (byte) 0xc7, (byte) 0xc0}); // mov rax, imm32 (sign-extended)
                out.putInt(X86_64_RT_SIGRETURN);
                out.put(new byte[] {0x0f, 0x05}); // syscall
                return out.toArray();
            case AARCH64:
                out = new ByteSink(8);
                out.putInt(0xd2800008 | GENERIC_RT_SIGRETURN << 5); // movz x8, #139
                out.putInt(0xd4000001); // svc #0
                return out.toArray();
            case RISCV64:
                out = new ByteSink(8);
                out.putInt(GENERIC_RT_SIGRETURN << 20 | 17 << 7 | 0x13); // addi a7, zero, 139
                out.putInt(0x73); // ecall
                return out.toArray();
            default:
                throw new AssertionError(arch);
        }
    }
}
