package dev.sigpage.impl;

import dev.sigpage.api.SigAction;
import java.util.Objects;

/**
 * Sizes and semantics of a {@link Kernel}.
 *
 * @param realtimeQueueDepth   entries per realtime signal in each queue region (per process and per thread)
 * @param maxThreadsPerProcess thread slots of a process (the sleeper index has one bit per slot)
 * @param profile              the semantics where POSIX and Redox differ ({@link Profile#POSIX} by default)
 * @param redoxDefaultHandler  under {@link Profile#REDOX}, the address SIG_DFL is stored as (redox-rt's default
 *                             handler function in the modelled process); unused under POSIX
 * @param realtimeQueueKind    the realtime queue design of every process and thread ({@link RealtimeQueueKind};
 *                             {@link #DEFAULT_REALTIME_QUEUE_KIND} by default)
 */
public record KernelConfig(
        int realtimeQueueDepth,
        int maxThreadsPerProcess,
        Profile profile,
        long redoxDefaultHandler,
        RealtimeQueueKind realtimeQueueKind) {
    /** The default realtime queue depth. */
    public static final int DEFAULT_REALTIME_QUEUE_DEPTH = 32;
    /** The default number of thread slots per process. */
    public static final int DEFAULT_MAX_THREADS_PER_PROCESS = 256;
    /** The default address of redox-rt's default handler: any code address would do; set it from a dump. */
    public static final long DEFAULT_REDOX_DEFAULT_HANDLER = 0x10_0000L;
    /**
     * The default realtime queue: the locked one, chosen from the measurements (see the module README, "Realtime
     * queue selection").
     */
    public static final RealtimeQueueKind DEFAULT_REALTIME_QUEUE_KIND = RealtimeQueueKind.LOCKED;

    /**
     * Checks the sizes.
     *
     * @param realtimeQueueDepth   1..65536
     * @param maxThreadsPerProcess 1..65536
     * @param profile              the profile, not null
     * @param redoxDefaultHandler  2..2^57-1
     * @param realtimeQueueKind    the queue design, not null; {@link RealtimeQueueKind#LOCK_FREE} only under
     *                             {@link Profile#POSIX}
     * @throws IllegalArgumentException for a size or address out of range, or the lock-free queue under
     *                                  {@link Profile#REDOX}
     */
    public KernelConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(realtimeQueueKind, "realtimeQueueKind");
        if (realtimeQueueKind == RealtimeQueueKind.LOCK_FREE && profile == Profile.REDOX) {
            // Redox merges a thread-directed realtime send into a pending instance: the check and the enqueue
            // must be one step, which only the locked queue gives.
            throw new IllegalArgumentException(
                    "the lock-free realtime queue cannot merge thread-directed realtime sends as the REDOX profile"
                            + " does: realtimeQueueKind=LOCK_FREE profile=REDOX");
        }
        if (redoxDefaultHandler < 2 || redoxDefaultHandler > SigAction.MAX_HANDLER) {
            throw new IllegalArgumentException("default handler address must be in 2..2^57-1: redoxDefaultHandler=0x"
                    + Long.toHexString(redoxDefaultHandler));
        }
        if (realtimeQueueDepth < 1 || realtimeQueueDepth > 1 << 16) {
            throw new IllegalArgumentException("realtime queue depth must be in 1..65536: depth=" + realtimeQueueDepth);
        }
        if (maxThreadsPerProcess < 1 || maxThreadsPerProcess > 1 << 16) {
            throw new IllegalArgumentException(
                    "threads per process must be in 1..65536: maxThreadsPerProcess=" + maxThreadsPerProcess);
        }
    }

    /**
     * A POSIX configuration with the given sizes.
     *
     * @param realtimeQueueDepth   1..65536
     * @param maxThreadsPerProcess 1..65536
     */
    public KernelConfig(final int realtimeQueueDepth, final int maxThreadsPerProcess) {
        this(realtimeQueueDepth, maxThreadsPerProcess, Profile.POSIX, DEFAULT_REDOX_DEFAULT_HANDLER);
    }

    /**
     * A configuration with the default realtime queue.
     *
     * @param realtimeQueueDepth   1..65536
     * @param maxThreadsPerProcess 1..65536
     * @param profile              the profile
     * @param redoxDefaultHandler  2..2^57-1
     */
    public KernelConfig(
            final int realtimeQueueDepth,
            final int maxThreadsPerProcess,
            final Profile profile,
            final long redoxDefaultHandler) {
        this(realtimeQueueDepth, maxThreadsPerProcess, profile, redoxDefaultHandler, DEFAULT_REALTIME_QUEUE_KIND);
    }

    /**
     * The defaults: depth 32, 256 threads per process, POSIX.
     *
     * @return the default configuration
     */
    public static KernelConfig defaults() {
        return new KernelConfig(DEFAULT_REALTIME_QUEUE_DEPTH, DEFAULT_MAX_THREADS_PER_PROCESS);
    }

    /**
     * A copy with another profile.
     *
     * @param newProfile the profile
     * @return the new configuration
     */
    public KernelConfig withProfile(final Profile newProfile) {
        return new KernelConfig(
                realtimeQueueDepth, maxThreadsPerProcess, newProfile, redoxDefaultHandler, realtimeQueueKind);
    }

    /**
     * A copy with another address for redox-rt's default handler.
     *
     * @param address 2..2^57-1
     * @return the new configuration
     */
    public KernelConfig withRedoxDefaultHandler(final long address) {
        return new KernelConfig(realtimeQueueDepth, maxThreadsPerProcess, profile, address, realtimeQueueKind);
    }

    /**
     * A copy with another realtime queue depth.
     *
     * @param depth 1..65536
     * @return the new configuration
     */
    public KernelConfig withRealtimeQueueDepth(final int depth) {
        return new KernelConfig(depth, maxThreadsPerProcess, profile, redoxDefaultHandler, realtimeQueueKind);
    }

    /**
     * A copy with another thread slot count.
     *
     * @param threads 1..65536
     * @return the new configuration
     */
    public KernelConfig withMaxThreadsPerProcess(final int threads) {
        return new KernelConfig(realtimeQueueDepth, threads, profile, redoxDefaultHandler, realtimeQueueKind);
    }

    /**
     * A copy with another realtime queue design.
     *
     * @param kind the queue design; {@link RealtimeQueueKind#LOCK_FREE} only under {@link Profile#POSIX}
     * @return the new configuration
     */
    public KernelConfig withRealtimeQueueKind(final RealtimeQueueKind kind) {
        return new KernelConfig(realtimeQueueDepth, maxThreadsPerProcess, profile, redoxDefaultHandler, kind);
    }
}
