package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;

/**
 * {@code awaitDeliverable} with an Agrona {@link IdleStrategy}: the thread polls its words, calling the strategy's
 * {@code reset} once before the idle period and {@code idle} between polls (Agrona's contract), and returns the
 * deliverable set as soon as a poll sees it. The strategy here sends the signal from its first {@code idle} call, so
 * the wait's outcome is decided on one thread with no timing; only a wait that stops polling reaches its timeout.
 */
class IdlePollingWaitTest {
    @Test
    void aSignalSentWhileThePollIdlesIsReturnedAtTheNextPoll() {
        final Kernel kernel = new Kernel();
        final ModelProcess app = kernel.spawn(1000, 1000);
        final ModelThread t = app.mainThread();
        final List<String> calls = new ArrayList<>();
        final IdleStrategy sendOnFirstIdle = new IdleStrategy() {
            @Override
            public void idle(final int workCount) {
                idle();
            }

            @Override
            public void idle() {
                calls.add("idle");
                if (calls.stream().filter("idle"::equals).count() == 1) {
                    kernel.tgkill(null, app.pid(), t.tid(), Signals.SIGUSR1);
                }
            }

            @Override
            public void reset() {
                calls.add("reset");
            }
        };
        final SignalSet got = t.awaitDeliverable(sendOnFirstIdle, TimeUnit.SECONDS.toNanos(5));
        assertEquals(SignalSet.of(Signals.SIGUSR1), got);
        assertEquals(List.of("reset", "idle"), calls);
    }
}
