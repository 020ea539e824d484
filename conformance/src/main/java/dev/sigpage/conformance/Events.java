package dev.sigpage.conformance;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a scenario's handlers and threads saw, in order; written from any thread. */
public final class Events {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    /**
     * Records an event.
     *
     * @param event e.g. {@code "handler SIGUSR1"}
     */
    public void add(final String event) {
        seen.add(event);
    }

    /** @return every event so far, in order */
    public List<String> list() {
        return List.copyOf(seen);
    }

    /** @return the number of events */
    public int size() {
        return seen.size();
    }

    /**
     * Counts one event.
     *
     * @param event the event
     * @return how many times it was recorded
     */
    public int count(final String event) {
        int n = 0;
        for (final String s : seen) {
            if (s.equals(event)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return seen.toString();
    }
}
