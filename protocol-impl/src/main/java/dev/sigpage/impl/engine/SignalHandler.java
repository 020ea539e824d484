package dev.sigpage.impl.engine;

import dev.sigpage.api.SigInfo;

/**
 * A Java signal handler, registered in the {@link HandlerTable} under the address a {@code SigAction} names.
 */
@FunctionalInterface
public interface SignalHandler {
    /**
     * Runs on the model thread the signal is delivered to, with the handler's mask in force.
     *
     * @param signo   the signal
     * @param info    with {@code SA_SIGINFO}: the sender's pid and uid, the code and the value; without it only
     *                {@code signo} is set (the other fields are 0)
     * @param context the thread's facade and, with a machine, the saved context
     */
    void handle(int signo, SigInfo info, HandlerContext context);
}
