package dev.sigpage.impl.engine;

/** Why a blocking wait of the engine ended. */
enum WaitEnd {
    /** The call's condition holds (data, space, an answer, an event): it can go on. */
    READY,
    /** A signal is deliverable, or the process stopped: the call is interrupted. */
    SIGNAL,
    /** The deadline passed. */
    TIMEOUT
}
