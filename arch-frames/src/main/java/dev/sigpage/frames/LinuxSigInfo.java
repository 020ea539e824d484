package dev.sigpage.frames;

import java.util.Arrays;

/**
 * The 48 bytes of {@code struct kernel_siginfo} a Linux delivery copies into the frame's {@code siginfo_t}; the
 * remaining 80 bytes of the 128 are always written as zeros, and {@code si_signo} is always the delivered signal.
 * The factories lay out the {@code _kill} / {@code _rt} union members as the kernel does (see FRAMES.md).
 */
public final class LinuxSigInfo {
    /** Bytes the kernel copies from its own siginfo. */
    public static final int KERNEL_LENGTH = 48;
    /** {@code sizeof(siginfo_t)}. */
    public static final int LENGTH = 128;
    /** {@code SI_USER}: kill(). */
    public static final int SI_USER = 0;
    /** {@code SI_KERNEL}: sent by the kernel (e.g. an interval timer's SIGALRM). */
    public static final int SI_KERNEL = 0x80;
    /** {@code SI_QUEUE}: sigqueue(). */
    public static final int SI_QUEUE = -1;
    /** {@code SI_TKILL}: tkill() and tgkill(). */
    public static final int SI_TKILL = -6;

    static final int ERRNO_OFFSET = 4;
    static final int CODE_OFFSET = 8;
    static final int PID_OFFSET = 16;
    static final int UID_OFFSET = 20;
    static final int VALUE_OFFSET = 24;

    private final byte[] bytes;

    private LinuxSigInfo(final byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A {@code _kill}/{@code _rt} siginfo: code, sender pid and uid, and {@code si_value}.
     *
     * @param code  {@code si_code}
     * @param pid   the sender's pid (as the receiver sees it)
     * @param uid   the sender's uid
     * @param value {@code si_value} (0 for kill and tgkill)
     * @return the siginfo
     */
    public static LinuxSigInfo of(final int code, final int pid, final int uid, final long value) {
        final byte[] b = new byte[KERNEL_LENGTH];
        put(b, CODE_OFFSET, code, Integer.BYTES);
        put(b, PID_OFFSET, pid, Integer.BYTES);
        put(b, UID_OFFSET, uid, Integer.BYTES);
        put(b, VALUE_OFFSET, value, Long.BYTES);
        return new LinuxSigInfo(b);
    }

    /**
     * What tgkill() sends: SI_TKILL with the sender's pid and uid.
     *
     * @param pid the sender's thread-group id
     * @param uid the sender's uid
     * @return the siginfo
     */
    public static LinuxSigInfo tkill(final int pid, final int uid) {
        return of(SI_TKILL, pid, uid, 0);
    }

    /**
     * The first 48 bytes of a caller's siginfo as rt_sigqueueinfo() copies them (bytes 0-3 are replaced by the
     * signal number at delivery).
     *
     * @param kernelBytes exactly 48 bytes
     * @return the siginfo
     * @throws IllegalArgumentException naming the length if it is not 48
     */
    public static LinuxSigInfo raw(final byte[] kernelBytes) {
        if (kernelBytes.length != KERNEL_LENGTH) {
            throw new IllegalArgumentException("siginfo must be the kernel's 48 bytes: length=" + kernelBytes.length);
        }
        return new LinuxSigInfo(kernelBytes.clone());
    }

    /**
     * The 128 bytes delivered for a signal.
     *
     * @param signal the delivered signal, stored in {@code si_signo}
     * @return the frame's siginfo bytes
     */
    byte[] delivered(final int signal) {
        final byte[] out = Arrays.copyOf(bytes, LENGTH);
        put(out, 0, signal, Integer.BYTES);
        return out;
    }

    /** @return {@code si_code} */
    public int code() {
        return (int) ByteSink.getLong(Arrays.copyOf(Arrays.copyOfRange(bytes, CODE_OFFSET, CODE_OFFSET + 4), 8), 0);
    }

    /** @return a copy of the 48 bytes */
    public byte[] kernelBytes() {
        return bytes.clone();
    }

    private static void put(final byte[] b, final int at, final long value, final int size) {
        for (int i = 0; i < size; i++) {
            b[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
