package dev.sigpage.impl.engine;

import dev.sigpage.api.SigAction;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Maps handler addresses (the {@code handler} of a {@link SigAction}) to Java handlers: the model's text segment.
 * Thread-safe: registrations are rare and copy the map, look-ups (one per delivery) read the published map without
 * a lock and without boxing the address.
 */
public final class HandlerTable {
    /** The first address {@link #register(SignalHandler)} hands out. */
    public static final long FIRST_ADDRESS = 0x40_1000L;
    /** The distance between addresses handed out. */
    public static final long STRIDE = 0x10L;

    // copy on write: a map is never changed once published (volatile write; the look-up's volatile read pairs).
    private volatile Long2ObjectHashMap<SignalHandler> handlers = new Long2ObjectHashMap<>();
    private final AtomicLong next = new AtomicLong(FIRST_ADDRESS);
    /** The address {@link #register(SignalHandler)} gave each handler (by identity); guarded by itself. */
    private final Map<SignalHandler, Long> addresses = new IdentityHashMap<>();

    /** An empty table. */
    public HandlerTable() {}

    /**
     * Registers a handler at the next free address, or returns the address it was given before: one handler has
     * one address (as one function has one address in a text segment), so a table that every process installs the
     * same handler from does not grow.
     *
     * @param handler the handler
     * @return its address
     */
    public long register(final SignalHandler handler) {
        Objects.requireNonNull(handler, "handler");
        synchronized (addresses) {
            final Long known = addresses.get(handler);
            if (known != null) {
                return known;
            }
            while (true) {
                final long address = next.getAndAdd(STRIDE);
                if (publish(address, handler)) {
                    addresses.put(handler, address);
                    return address;
                }
            }
        }
    }

    /**
     * Registers a handler at a chosen address.
     *
     * @param address the address: above {@link SigAction#SIG_IGN} and at most {@link SigAction#MAX_HANDLER}
     * @param handler the handler
     * @return the address
     * @throws IllegalArgumentException if the address is not a handler address or is taken
     */
    public long register(final long address, final SignalHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (address <= SigAction.SIG_IGN || address > SigAction.MAX_HANDLER) {
            throw new IllegalArgumentException("handler address must be in 2..2^57-1: address=" + address);
        }
        if (!publish(address, handler)) {
            throw new IllegalArgumentException("handler address must be free: address=0x" + Long.toHexString(address));
        }
        return address;
    }

    /** Publishes a copy of the map with the address added; false if the address is taken. */
    private boolean publish(final long address, final SignalHandler handler) {
        synchronized (addresses) {
            final Long2ObjectHashMap<SignalHandler> current = handlers;
            if (current.containsKey(address)) {
                return false;
            }
            final Long2ObjectHashMap<SignalHandler> next = new Long2ObjectHashMap<>();
            next.putAll(current);
            next.put(address, handler);
            handlers = next;
            return true;
        }
    }

    /**
     * The handler at an address.
     *
     * @param address the address
     * @return the handler, or null
     */
    public SignalHandler lookup(final long address) {
        return handlers.get(address);
    }
}
