package dev.sigpage.frames;

import java.util.List;

/** The three architectures whose signal frames this module builds and reads. */
public enum Arch {
    /** x86-64 (System V ABI). */
    X86_64("x86_64", 47, 0x7FFF_FFFFL),
    /** AArch64 (AAPCS64). */
    AARCH64("aarch64", 48, 0xFFFFL),
    /** RISC-V 64 (LP64, Sv48 user half). */
    RISCV64("riscv64", 47, 0x7FFL);

    private final String cliName;
    private final int userAddressBits;
    private final long maxSigreturnNr;

    Arch(final String cliName, final int userAddressBits, final long maxSigreturnNr) {
        this.cliName = cliName;
        this.userAddressBits = userAddressBits;
        this.maxSigreturnNr = maxSigreturnNr;
    }

    /**
     * The name used on the command line and in JSON output.
     *
     * @return {@code "x86_64"}, {@code "aarch64"} or {@code "riscv64"}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * The first address above the user half: a restored program counter must be below it.
     *
     * @return 2^47 on x86-64 and RISC-V (Sv48), 2^48 on AArch64
     */
    public long userAddressLimit() {
        return 1L << userAddressBits;
    }

    /**
     * The largest sigreturn number the trampoline can encode: {@code mov rax,imm32} (sign-extended, so
     * 2^31-1), {@code movz w8,#imm16}, {@code addi a7,x0,imm12} (positive half).
     *
     * @return the largest encodable sigreturn number
     */
    public long maxSigreturnNr() {
        return maxSigreturnNr;
    }

    /**
     * The frame length in bytes, from the arch's frame descriptor.
     *
     * @return 168, 296 or 288
     */
    public int frameLength() {
        switch (this) {
            case X86_64:
                return X86_64FrameDescriptor.FRAME_LENGTH;
            case AARCH64:
                return Aarch64FrameDescriptor.FRAME_LENGTH;
            default:
                return Riscv64FrameDescriptor.FRAME_LENGTH;
        }
    }

    /**
     * The frame's fields in order from offset 0, from the arch's frame descriptor.
     *
     * @return the fields, lowest offset first
     */
    public List<FrameField> frameFields() {
        switch (this) {
            case X86_64:
                return X86_64FrameDescriptor.FIELDS;
            case AARCH64:
                return Aarch64FrameDescriptor.FIELDS;
            default:
                return Riscv64FrameDescriptor.FIELDS;
        }
    }

    /**
     * Every register of this arch's register file, in frame order. RISC-V uses ABI names ({@code ra sp gp tp
     * t0 ...}); {@link RegisterFile#get(String)} also accepts {@code x1}..{@code x31}.
     *
     * @return the register names
     */
    public List<String> registerNames() {
        switch (this) {
            case X86_64:
                return RegisterNames.X86_64;
            case AARCH64:
                return RegisterNames.AARCH64;
            default:
                return RegisterNames.RISCV64;
        }
    }

    /**
     * The name of the stack-pointer register.
     *
     * @return {@code "rsp"} or {@code "sp"}
     */
    public String stackPointerName() {
        return this == X86_64 ? "rsp" : "sp";
    }

    /**
     * The name of the program-counter register.
     *
     * @return {@code "rip"} or {@code "pc"}
     */
    public String programCounterName() {
        return this == X86_64 ? "rip" : "pc";
    }

    /**
     * Whether {@code name} is a register of this arch (aliases included).
     *
     * @param name a register name
     * @return true if {@link RegisterFile#get(String)} accepts it
     */
    public boolean isRegister(final String name) {
        return RegisterNames.indexOf(this, name) >= 0;
    }

    /**
     * Looks an arch up by its command-line name.
     *
     * @param name {@code "x86_64"}, {@code "aarch64"} or {@code "riscv64"}
     * @return the arch
     * @throws IllegalArgumentException for any other name
     */
    public static Arch fromName(final String name) {
        for (final Arch a : values()) {
            if (a.cliName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("arch must be x86_64, aarch64 or riscv64: arch=" + name);
    }
}
