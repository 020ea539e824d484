/**
 * The protocol vocabulary of sigpage: signal numbers, sets, sigaction and siginfo values, error codes, the
 * interfaces of the kernel side and the thread side, and the layout descriptors of the shared pages.
 *
 * <p>Where to start: {@link dev.sigpage.api.Signals} and {@link dev.sigpage.api.SignalSet} name signals and sets,
 * {@link dev.sigpage.api.SigAction} builds actions. The implementation is module {@code dev.sigpage.impl}: start
 * there with {@code Kernel} for the protocol and {@code Engine} for delivery; the frames are module
 * {@code dev.sigpage.frames}, starting with {@code SignalFrames}.
 * <pre>{@code
 * SignalSet blocked = SignalSet.of(Signals.SIGINT, Signals.SIGTERM);
 * SigAction action = SigAction.handler(0x401000L, blocked, SaFlags.SA_RESTART | SaFlags.SA_SIGINFO);
 * }</pre>
 */
module dev.sigpage.api {
    exports dev.sigpage.api;
}
