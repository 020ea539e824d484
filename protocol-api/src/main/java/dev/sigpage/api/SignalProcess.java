package dev.sigpage.api;

import java.util.List;

/**
 * A process: its pending set, its actions (both in the process page), its threads and its credentials.
 */
public interface SignalProcess {
    /**
     * The process id.
     *
     * @return pid, 1 or more
     */
    int pid();

    /**
     * The real user id.
     *
     * @return ruid
     */
    int ruid();

    /**
     * The saved user id.
     *
     * @return suid
     */
    int suid();

    /**
     * The thread created with the process (or the thread that last called exec).
     *
     * @return the main thread
     */
    SignalThread mainThread();

    /**
     * The live threads, in creation order.
     *
     * @return a snapshot
     */
    List<? extends SignalThread> threads();

    /**
     * Creates a thread: it inherits the creator's mask and has nothing pending.
     *
     * @param creator a live thread of this process
     * @return the new thread
     * @throws IllegalArgumentException if the creator belongs to another process
     * @throws IllegalStateException    if the creator has exited, or the process has no free thread slot
     */
    SignalThread createThread(SignalThread creator);

    /**
     * Installs an action and returns the old one. {@code SIG_IGN} (and {@code SIG_DFL} of a signal ignored by
     * default) discards pending instances of the signal from the process and every thread, realtime queues
     * included. SIGKILL and SIGSTOP cannot be changed.
     *
     * @param sig signal 1..31 or 33..64
     * @param act the new action; its sa_mask keeps neither SIGKILL nor SIGSTOP; SA_NOCLDSTOP is kept for SIGCHLD
     *            only
     * @return the previous action
     * @throws SignalException EINVAL for an invalid signal, for SIGKILL/SIGSTOP, or for unsupported flags
     */
    SigAction sigaction(int sig, SigAction act);

    /**
     * Reads an action.
     *
     * @param sig signal 1..31 or 33..64
     * @return the action
     * @throws SignalException EINVAL for an invalid signal
     */
    SigAction sigaction(int sig);

    /**
     * Forks: the child gets a copy of the actions, one thread with the forking thread's mask, and nothing pending.
     *
     * @param forking a live thread of this process
     * @return the child
     */
    SignalProcess fork(SignalThread forking);

    /**
     * Execs: every other thread exits; the mask, the pending signals and the ignored signals stay; every action
     * with a handler becomes {@code SIG_DFL}.
     *
     * @param execing a live thread of this process; it becomes the main thread
     */
    void exec(SignalThread execing);

    /**
     * Exits the process: every thread exits and sends to it fail with ESRCH.
     *
     * @param status exit status
     */
    void exit(int status);

    /**
     * Whether the process has not exited.
     *
     * @return true while alive
     */
    boolean isAlive();

    /**
     * The process-directed pending set.
     *
     * @return the set read from the process page
     */
    SignalSet pendingSet();
}
