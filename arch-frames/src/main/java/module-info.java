/**
 * Exact x86-64, AArch64 and RISC-V 64 signal frames, sigreturn trampolines and validated restore.
 * The module has no dependencies beyond {@code java.base}.
 */
module dev.sigpage.frames {
    exports dev.sigpage.frames;
}
