package dev.sigpage.impl.engine;

/**
 * What one return to user did: how many handlers ran, and whether every one of them had {@code SA_RESTART}. A
 * blocking call decides from it whether it fails with EINTR or restarts.
 *
 * @param handlersRun the handlers that ran (nested ones included)
 * @param restartable true when no handler without {@code SA_RESTART} ran
 */
record UserReturn(int handlersRun, boolean restartable) {
    /** Nothing was delivered, or only default actions that let the thread go on (ignore, stop and continue). */
    static final UserReturn NOTHING = new UserReturn(0, true);

    /** @return the record of one handler that ran */
    private static final UserReturn RESTARTABLE_HANDLER = new UserReturn(1, true);

    private static final UserReturn INTERRUPTING_HANDLER = new UserReturn(1, false);

    static UserReturn handler(final boolean saRestart) {
        return saRestart ? RESTARTABLE_HANDLER : INTERRUPTING_HANDLER;
    }

    /** @return true if a handler ran */
    boolean handlerRan() {
        return handlersRun > 0;
    }

    /** @return true if a handler without {@code SA_RESTART} ran: an interrupted call fails with EINTR */
    boolean interrupts() {
        return !restartable;
    }

    /** @return this return followed by another */
    UserReturn then(final UserReturn next) {
        if (next.handlersRun == 0) {
            return this;
        }
        return handlersRun == 0
                ? next
                : new UserReturn(handlersRun + next.handlersRun, restartable && next.restartable);
    }
}
