package dev.sigpage.impl;

/**
 * The two realtime queue designs sigpage provides. The kernel model's sends and claims run on {@link #LOCKED};
 * {@link #LOCK_FREE} is the standalone {@link LockFreeRealtimeQueue}, proven in jcstress and measured against the
 * locked one in the benchmarks, for a kernel configuration to select.
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
