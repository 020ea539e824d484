package dev.sigpage.impl;

/**
 * Sizes of a {@link Kernel}.
 *
 * @param realtimeQueueDepth   entries per realtime signal in each queue region (per process and per thread)
 * @param maxThreadsPerProcess thread slots of a process (the sleeper index has one bit per slot)
 */
public record KernelConfig(int realtimeQueueDepth, int maxThreadsPerProcess) {
    /** The default realtime queue depth. */
    public static final int DEFAULT_REALTIME_QUEUE_DEPTH = 32;
    /** The default number of thread slots per process. */
    public static final int DEFAULT_MAX_THREADS_PER_PROCESS = 256;

    /**
     * Checks the sizes.
     *
     * @param realtimeQueueDepth   1..65536
     * @param maxThreadsPerProcess 1..65536
     * @throws IllegalArgumentException for a size out of range
     */
    public KernelConfig {
        if (realtimeQueueDepth < 1 || realtimeQueueDepth > 1 << 16) {
            throw new IllegalArgumentException("realtime queue depth must be in 1..65536: depth="
                + realtimeQueueDepth);
        }
        if (maxThreadsPerProcess < 1 || maxThreadsPerProcess > 1 << 16) {
            throw new IllegalArgumentException("threads per process must be in 1..65536: maxThreadsPerProcess="
                + maxThreadsPerProcess);
        }
    }

    /**
     * The defaults: depth 32, 256 threads per process.
     *
     * @return the default configuration
     */
    public static KernelConfig defaults() {
        return new KernelConfig(DEFAULT_REALTIME_QUEUE_DEPTH, DEFAULT_MAX_THREADS_PER_PROCESS);
    }

    /**
     * A copy with another realtime queue depth.
     *
     * @param depth 1..65536
     * @return the new configuration
     */
    public KernelConfig withRealtimeQueueDepth(final int depth) {
        return new KernelConfig(depth, maxThreadsPerProcess);
    }

    /**
     * A copy with another thread slot count.
     *
     * @param threads 1..65536
     * @return the new configuration
     */
    public KernelConfig withMaxThreadsPerProcess(final int threads) {
        return new KernelConfig(realtimeQueueDepth, threads);
    }
}
