package dev.sigpage.bench;

/** One request from the benchmark thread to a waiting thread and its acknowledgement back. */
interface RoundTrip {

    /**
     * Sends one request and spins until it is acknowledged.
     *
     * @return the sequence number of the request
     */
    long roundTrip();

    /**
     * Stops the waiting thread.
     *
     * @throws InterruptedException when interrupted while joining it
     */
    void stop() throws InterruptedException;
}
