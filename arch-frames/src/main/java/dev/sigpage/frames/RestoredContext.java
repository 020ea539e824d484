package dev.sigpage.frames;

/**
 * What sigreturn puts back: the interrupted register file and the signal mask.
 *
 * @param registers the restored registers (x86-64 rflags with only user-modifiable bits, IF and bit 1 set)
 * @param mask      the restored mask, SIGKILL and SIGSTOP bits cleared in the variant's convention
 */
public record RestoredContext(RegisterFile registers, long mask) {}
