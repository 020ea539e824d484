package dev.sigpage.api;

/**
 * What a signal does when its action is {@code SIG_DFL}.
 */
public enum DefaultAction {
    /** The process terminates (with or without a core dump). */
    TERMINATE,
    /** The signal is discarded: SIGCHLD, SIGURG, SIGWINCH. */
    IGNORE,
    /** The process stops: SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU. */
    STOP,
    /** A stopped process continues: SIGCONT. */
    CONTINUE
}
