package dev.sigpage.impl.engine;

/**
 * A change of a process's state as its parent observes it ({@code waitpid} with {@code WUNTRACED | WCONTINUED}).
 *
 * @param kind  what happened
 * @param pid   the process
 * @param value the exit status for {@link Kind#EXITED}, else the signal
 */
public record ProcessEvent(Kind kind, int pid, int value) {
    /** What happened to the process. */
    public enum Kind {
        /** It called exit, or its last thread ended: {@code WIFEXITED}. */
        EXITED,
        /** A signal ended it: {@code WIFSIGNALED}. */
        KILLED,
        /** A stop signal stopped it: {@code WIFSTOPPED}. */
        STOPPED,
        /** SIGCONT resumed it: {@code WIFCONTINUED}. */
        CONTINUED
    }

    /**
     * The Linux wait status word: exited {@code status << 8}, killed {@code signal}, stopped
     * {@code signal << 8 | 0x7f}, continued {@code 0xffff}.
     *
     * @return the status word
     */
    public int waitStatus() {
        switch (kind) {
            case EXITED:
                return (value & 0xff) << 8;
            case KILLED:
                return value & 0x7f;
            case STOPPED:
                return (value & 0xff) << 8 | 0x7f;
            default:
                return 0xffff;
        }
    }
}
