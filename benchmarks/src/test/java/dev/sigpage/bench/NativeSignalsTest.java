package dev.sigpage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The JNI library builds, and its rt_sigprocmask really is the kernel's: every mask it reports or sets is checked
 * against an independent source, the {@code SigBlk} line the kernel prints in {@code /proc/thread-self/status}.
 */
class NativeSignalsTest {

    private static final long SIGUSR1 = 1L << 9;

    private static String status(final String field) throws IOException {
        for (final String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + field + " line in /proc/thread-self/status");
    }

    private static long blockedFromProc() throws IOException {
        return Long.parseUnsignedLong(status("SigBlk"), 16);
    }

    @Test
    void libraryBuildsFromTheBundledSource() {
        final Path library = NativeLibrary.build();
        assertTrue(Files.isRegularFile(library), library.toString());
        assertTrue(Files.isRegularFile(NativeLibrary.jniInclude().resolve("jni.h")));
    }

    @Test
    void rtSigprocmaskReturnsAndSetsTheKernelsMask() throws IOException {
        final long before = LinuxSignals.rtSigprocmask(LinuxSignals.SIG_BLOCK, 0L);
        try {
            assertEquals(blockedFromProc(), before);
            final long base = before & ~SIGUSR1;
            LinuxSignals.rtSigprocmask(LinuxSignals.SIG_SETMASK, base);
            assertEquals(base, blockedFromProc());

            assertEquals(base, LinuxSignals.rtSigprocmask(LinuxSignals.SIG_BLOCK, SIGUSR1));
            assertEquals(base | SIGUSR1, blockedFromProc());
            // /proc prints SIGUSR1 (signal 10, bit 9) as 0x200 in the low digits
            assertEquals(0x200L, Long.parseUnsignedLong(status("SigBlk"), 16) & 0xFFF & ~base);

            assertEquals(base | SIGUSR1, LinuxSignals.rtSigprocmask(LinuxSignals.SIG_UNBLOCK, SIGUSR1));
            assertEquals(base, blockedFromProc());
        } finally {
            LinuxSignals.rtSigprocmask(LinuxSignals.SIG_SETMASK, before);
        }
    }

    @Test
    void gettidIsTheKernelThreadOfTheCaller() throws IOException {
        assertEquals(Integer.parseInt(status("Pid")), LinuxSignals.gettid());
    }

    @Test
    void jniNoopDoesNotTouchTheMask() throws IOException {
        final long before = blockedFromProc();
        assertEquals(SIGUSR1 ^ LinuxSignals.SIG_BLOCK, LinuxSignals.noop(LinuxSignals.SIG_BLOCK, SIGUSR1));
        assertEquals(before, blockedFromProc());
    }

    @Test
    void deliveryProbeRecordsEverySampleInBothModes() {
        for (final int mode : new int[] {LinuxSignals.MODE_HANDLER, LinuxSignals.MODE_SIGWAITINFO}) {
            final long[] oneWay = new long[20];
            final long[] roundTrip = new long[20];
            assertEquals(20, LinuxSignals.deliveryLatency(mode, LinuxSignals.SIGUSR1, 2, oneWay, roundTrip));
            for (int i = 0; i < oneWay.length; i++) {
                // causality, not timing: the waiter sees the signal after it is sent, the sender sees the
                // acknowledgement after the waiter wrote it
                assertTrue(oneWay[i] > 0, "one way sample " + i + " = " + oneWay[i]);
                assertTrue(roundTrip[i] >= oneWay[i], "round trip " + roundTrip[i] + " < one way " + oneWay[i]);
            }
        }
    }
}
