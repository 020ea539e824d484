package dev.sigpage.impl;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The kernel's table of processes or threads, indexed by id (pid or tid), so that a lookup is an array read (no
 * boxing, no allocation). Ids are handed out in increasing order; once the table has {@link #WRAP_AT} entries and
 * fewer than half of them are live, the next id wraps around to the lowest free one (as a kernel's pid_max
 * wrap-around). So the table never grows past the larger of {@link #WRAP_AT} and twice the live count, however many
 * processes and threads come and go. Writers hold the kernel's table lock; readers read the published array.
 *
 * @param <T> what the table holds
 */
final class IdTable<T> {
    /** The size below which ids are never reused. */
    static final int WRAP_AT = 1024;

    private volatile Object[] table;
    private int next = 1;
    private int live;

    IdTable(final int initialLength) {
        this.table = new Object[initialLength];
    }

    /** Picks the next free id, makes the entry and publishes it; the caller holds the table lock. */
    T add(final IntFunction<T> make) {
        Object[] t = table;
        while (true) {
            if (next >= t.length) {
                if (t.length >= WRAP_AT && live < t.length / 2) {
                    next = 1;
                } else {
                    t = Arrays.copyOf(t, t.length * 2);
                }
            }
            if (t[next] == null) {
                break;
            }
            next++;
        }
        final int id = next++;
        final T entry = make.apply(id);
        t[id] = entry;
        live++;
        // volatile: publishes the entry and, after a growth, the new array.
        table = t;
        return entry;
    }

    /** Frees an id if it still holds the entry; the caller holds the table lock. */
    void remove(final int id, final T entry) {
        final Object[] t = table;
        if (id > 0 && id < t.length && t[id] == entry) {
            t[id] = null;
            live--;
            // volatile: publishes the cleared slot.
            table = t;
        }
    }

    /** The entry with an id, or null; lock-free. */
    @SuppressWarnings("unchecked")
    T get(final int id) {
        // volatile: the published table.
        final Object[] t = table;
        return id > 0 && id < t.length ? (T) t[id] : null;
    }

    /** One past the highest id the table can hold now: every id in use is below it; lock-free. */
    int bound() {
        // volatile: the published table.
        return table.length;
    }
}
