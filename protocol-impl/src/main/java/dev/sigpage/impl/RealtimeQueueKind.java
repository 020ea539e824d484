package dev.sigpage.impl;

/**
 * The two realtime queue designs sigpage provides, selected per kernel by {@link KernelConfig#realtimeQueueKind()}:
 * every process and thread of the kernel queues its realtime signals in a ring of that design. Both keep the same
 * semantics (order per sender, nothing lost or duplicated, EAGAIN at depth with nothing written, the pending bit up
 * while the ring holds an entry); the module README gives the measurements behind the default.
 */
public enum RealtimeQueueKind {
    /** {@link RealtimeQueue}: rings under a spin lock in the region, the bit and the ring changed together. */
    LOCKED,
    /**
     * {@link LockFreeRealtimeQueue}: the RFC's qhead/qtail ring with a sequence word per entry, no lock; the bit is
     * raised after publishing and re-checked after clearing.
     */
    LOCK_FREE
}
