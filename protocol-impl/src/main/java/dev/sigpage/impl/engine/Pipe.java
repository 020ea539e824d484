package dev.sigpage.impl.engine;

/**
 * A modelled pipe with a bounded buffer. A read returns what is there (at least one byte), or end of file once the
 * write end is closed and the buffer is empty; a write blocks until every byte is in, so an interrupted write
 * returns the partial count. Use it through {@link Sys#read} and {@link Sys#write}; thread-safe.
 */
public final class Pipe {
    private final byte[] ring;
    private final WaitQueue waiters = new WaitQueue();
    private int head;
    private int count;
    private boolean writeClosed;

    /**
     * @param capacity the buffer size in bytes, at least 1
     */
    public Pipe(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pipe capacity must be at least 1: capacity=" + capacity);
        }
        this.ring = new byte[capacity];
    }

    /** @return the buffer size */
    public int capacity() {
        return ring.length;
    }

    /** @return the bytes buffered now */
    public synchronized int available() {
        return count;
    }

    /** Closes the write end: readers see end of file once the buffer drains. */
    public void closeWrite() {
        synchronized (this) {
            writeClosed = true;
        }
        waiters.wakeAll();
    }

    /**
     * Writes from outside the model (a device, a test) without blocking.
     *
     * @param bytes the bytes
     * @return how many fit
     */
    public int offer(final byte[] bytes) {
        return tryWrite(bytes, 0, bytes.length);
    }

    /**
     * Reads from outside the model without blocking.
     *
     * @param max the most bytes
     * @return the bytes there (possibly none)
     */
    public byte[] poll(final int max) {
        final byte[] b = new byte[max];
        final int n = tryRead(b, 0, max);
        return java.util.Arrays.copyOf(b, Math.max(n, 0));
    }

    WaitQueue waiters() {
        return waiters;
    }

    synchronized boolean readable() {
        return count > 0 || writeClosed;
    }

    synchronized boolean writable() {
        return count < ring.length;
    }

    /** @return bytes read (0 at end of file), or -1 if the read would block */
    int tryRead(final byte[] b, final int off, final int len) {
        final int n;
        synchronized (this) {
            if (count == 0) {
                return writeClosed ? 0 : -1;
            }
            n = Math.min(len, count);
            for (int i = 0; i < n; i++) {
                b[off + i] = ring[(head + i) % ring.length];
            }
            head = (head + n) % ring.length;
            count -= n;
        }
        waiters.wakeAll();
        return n;
    }

    /** @return bytes written, 0 if the buffer is full */
    int tryWrite(final byte[] b, final int off, final int len) {
        final int n;
        synchronized (this) {
            n = Math.min(len, ring.length - count);
            for (int i = 0; i < n; i++) {
                ring[(head + count + i) % ring.length] = b[off + i];
            }
            count += n;
        }
        if (n > 0) {
            waiters.wakeAll();
        }
        return n;
    }
}
