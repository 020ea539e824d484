/**
 * Exact x86-64, AArch64 and RISC-V 64 signal frames: Linux's {@code rt_sigframe} and a small research kernel's
 * frames, their restorers and trampolines, the handler's entry registers, and a restore that does what the
 * kernel's sigreturn does. The module has no dependencies beyond {@code java.base}.
 *
 * <p>Where to start: {@link dev.sigpage.frames.SignalFrames}, which delivers a
 * {@link dev.sigpage.frames.DeliveryRequest} onto a stack and restores a frame from
 * {@link dev.sigpage.frames.UserMemory}; {@link dev.sigpage.frames.FrameDump} annotates a frame field by field.
 * The same jar is a command-line tool ({@code java -jar ... --help}).
 * <pre>{@code
 * RegisterFile interrupted = Aarch64Registers.zero().with("sp", 0x7ffe0000L).with("pc", 0x401234L);
 * Delivery d = SignalFrames.deliver(DeliveryRequest.builder(interrupted)
 *         .signal(10).handler(0x400000L).mask(0x2L).build());
 * RestoredContext r = SignalFrames.restore(Arch.AARCH64, Variant.FIXED, UserMemory.of(d), d.frameAddress());
 * assert r.registers().equals(interrupted);
 * }</pre>
 */
module dev.sigpage.frames {
    exports dev.sigpage.frames;
}
