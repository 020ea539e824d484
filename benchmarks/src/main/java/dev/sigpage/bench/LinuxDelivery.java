package dev.sigpage.bench;

/**
 * Linux's own signal delivery latency, measured by the native probe, in nanoseconds.
 *
 * @param method       what observes the signal: a handler entered while the waiter sleeps in sigsuspend, or
 *                     sigwaitinfo returning
 * @param samples      number of deliveries recorded
 * @param oneWayP50    median time from just before tgkill to the waiter observing the signal
 * @param oneWayP99    99th percentile of the same
 * @param roundTripP50 median time from just before tgkill to the sender seeing the waiter's acknowledgement
 * @param roundTripP99 99th percentile of the same
 */
record LinuxDelivery(
        String method, int samples, double oneWayP50, double oneWayP99, double roundTripP50, double roundTripP99) {

    /**
     * Runs the native probe.
     *
     * @param mode    {@link LinuxSignals#MODE_HANDLER} or {@link LinuxSignals#MODE_SIGWAITINFO}
     * @param samples deliveries to record
     * @return the percentiles
     */
    static LinuxDelivery measure(final int mode, final int samples) {
        final long[] oneWay = new long[samples];
        final long[] roundTrip = new long[samples];
        LinuxSignals.deliveryLatency(mode, LinuxSignals.SIGUSR1, Math.max(10, samples / 10), oneWay, roundTrip);
        final String method =
                mode == LinuxSignals.MODE_HANDLER ? "Linux tgkill -> handler" : "Linux tgkill -> sigwaitinfo";
        return new LinuxDelivery(
                method,
                samples,
                Percentiles.of(oneWay, 50),
                Percentiles.of(oneWay, 99),
                Percentiles.of(roundTrip, 50),
                Percentiles.of(roundTrip, 99));
    }
}
