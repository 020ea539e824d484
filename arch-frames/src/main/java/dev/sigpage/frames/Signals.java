package dev.sigpage.frames;

/** Signal numbers this module treats specially. */
final class Signals {
    /** SIGKILL: never caught, never blocked. */
    static final int SIGKILL = 9;
    /** SIGSTOP: never caught, never blocked. */
    static final int SIGSTOP = 19;

    private Signals() {}
}
