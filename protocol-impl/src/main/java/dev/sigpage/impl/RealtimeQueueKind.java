package dev.sigpage.impl;

/**
 * Which realtime queue backs a process's and a thread's queued realtime signals.
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
