package dev.sigpage.impl;

/**
 * Told of every accepted send, after the stop/continue side effects and before the pending bit is raised; the
 * hook of a delivery engine that must act on a send itself rather than on a delivery (SIGCONT resumes a stopped
 * process even while blocked or ignored; SIGKILL ends a process whatever its threads are doing).
 *
 * <p>It runs on the sender's Java thread, for sends that passed validation (signal number, target, permission:
 * a send refused with EINVAL, ESRCH or EPERM is never reported). It runs before a realtime signal is queued, so a
 * realtime send then refused with EAGAIN (its queue full) has been reported too; the hook is meant for SIGKILL and
 * SIGCONT, which never queue.
 */
@FunctionalInterface
public interface SendHook {
    /**
     * A send was accepted.
     *
     * @param target the target process
     * @param tid    the target thread, or 0 for a process-directed send
     * @param sig    the signal
     */
    void accepted(ModelProcess target, int tid, int sig);
}
