package dev.sigpage.impl.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link Demo} and checks what each section shows against the rules it illustrates: the page encoding of
 * DESIGN.md (signal n at bit n-1; in a thread word, pending in bits 0-31 and allow in bits 32-63), one instance per
 * standard signal, realtime sends queued with their values in order, SIG_IGN discarding a send, the mask in a
 * handler and after sigreturn, and the claim order (thread-directed standard, process-directed standard, then
 * realtime). The three sender threads send distinct signals, so every fact checked holds in every interleaving.
 */
class DemoTest {
    // Linux's signal numbers (signal(7)); 33-64 are the realtime group (DESIGN.md).
    private static final int SIGINT = 2;
    private static final int SIGQUIT = 3;
    private static final int SIGKILL = 9;
    private static final int SIGUSR1 = 10;
    private static final int SIGUSR2 = 12;
    private static final int SIGTERM = 15;
    private static final int SIGSTOP = 19;
    private static final int SIGRTMIN = 33;
    // the demo's shell: the first process of a fresh kernel, spawned with real uid 1000
    private static final int SHELL_PID = 1;
    private static final int SHELL_UID = 1000;

    private static final Pattern PROCESS = Pattern.compile("^process (\\d+) .*\\n\\s+pending=0x(\\p{XDigit}+) ");
    private static final Pattern THREAD =
            Pattern.compile("^thread (\\d+) of process (\\d+)\\s+word0=0x(\\p{XDigit}+) word1=0x(\\p{XDigit}+)");
    private static final Pattern CLAIM = Pattern.compile(
            "^thread (\\d+) claims (\\S+)\\s+code=(\\S+)\\s+(?:from pid (\\d+) uid (\\d+) )?value (-?\\d+)$");

    /** One printed claim. */
    private record Claim(int tid, String signal, String code, int pid, int uid, long value) {}

    /** A set of signals as a 64-bit set, signal n at bit n-1. */
    private static long bits(final int... signals) {
        long set = 0;
        for (final int sig : signals) {
            set |= 1L << (sig - 1);
        }
        return set;
    }

    /** A thread word: signals 32w+1..32w+32, pending in the low half, allow in the high half. */
    private static long word(final int w, final long pending, final long allow) {
        return ((allow >>> (32 * w)) << 32) | ((pending >>> (32 * w)) & 0xFFFF_FFFFL);
    }

    private static long processPending(final List<String> section) {
        final Matcher m = PROCESS.matcher(String.join("\n", section));
        assertTrue(m.find(), () -> "no process page: " + section);
        return Long.parseUnsignedLong(m.group(2), 16);
    }

    /** The thread pages of a section, in printed order: each {tid, word0, word1}. */
    private static List<long[]> threadWords(final List<String> section) {
        final List<long[]> words = new ArrayList<>();
        for (final String line : section) {
            final Matcher m = THREAD.matcher(line);
            if (m.find()) {
                words.add(new long[] {
                    Long.parseLong(m.group(1)),
                    Long.parseUnsignedLong(m.group(3), 16),
                    Long.parseUnsignedLong(m.group(4), 16)
                });
            }
        }
        assertEquals(3, words.size(), () -> "three thread pages: " + section);
        assertTrue(words.get(0)[0] < words.get(1)[0] && words.get(1)[0] < words.get(2)[0], "tids in creation order");
        return words;
    }

    private static void assertWords(final long[] printed, final long pending, final long allow, final String who) {
        assertEquals(word(0, pending, allow), printed[1], () -> who + " word0=0x" + Long.toHexString(printed[1]));
        assertEquals(word(1, pending, allow), printed[2], () -> who + " word1=0x" + Long.toHexString(printed[2]));
    }

    @Test
    void printsEverySectionOnceInOrder() throws Exception {
        final DemoOutput out = DemoOutput.capture(Demo::main);
        assertEquals(
                List.of("== after the sends ==", "== a delivery with a handler ==", "== claims ==", "== at the end =="),
                out.headers(),
                out::toString);
    }

    @Test
    void afterTheSendsThePagesHoldEachSendOnce() throws Exception {
        final List<String> section = DemoOutput.capture(Demo::main).section("== after the sends ==");
        // kill: SIGINT, SIGQUIT pending for the process; SIGPIPE is ignored, so its send is discarded;
        // sigqueue: SIGRTMIN pending for the process, its three values queued.
        assertEquals(bits(SIGINT, SIGQUIT, SIGRTMIN), processPending(section), section::toString);
        assertTrue(section.stream().anyMatch(l -> l.matches("\\s*queued for process: SIGRTMIN x3")), section::toString);

        final long all = -1L;
        final List<long[]> threads = threadWords(section);
        // main blocked SIGINT, SIGTERM, SIGRTMIN; tgkill SIGUSR2 is pending for it alone.
        assertWords(threads.get(0), bits(SIGUSR2), all & ~bits(SIGINT, SIGTERM, SIGRTMIN), "main");
        // worker's mask was set to SIGUSR1, SIGQUIT; tgkill SIGUSR1 is pending for it, blocked.
        assertWords(threads.get(1), bits(SIGUSR1), all & ~bits(SIGUSR1, SIGQUIT), "worker");
        // io blocked everything, but SIGKILL and SIGSTOP are always allowed; SIGRTMIN+2 was queued for it.
        assertWords(threads.get(2), bits(SIGRTMIN + 2), bits(SIGKILL, SIGSTOP), "io");
        assertTrue(
                section.stream().anyMatch(l -> l.matches("\\s*queued for thread: SIGRTMIN\\+2 x1")), section::toString);
    }

    @Test
    void aHandlerRunsWithTheActionsMaskAndSigreturnRestoresTheMaskBefore() throws Exception {
        final DemoOutput out = DemoOutput.capture(Demo::main);
        final long worker = threadWords(out.section("== after the sends ==")).get(1)[0];
        final String section = String.join("\n", out.section("== a delivery with a handler =="));
        final Matcher m = Pattern.compile(
                        "thread (\\d+) delivers (\\S+) to handler 0x(\\p{XDigit}+); mask in the handler (\\{\\S*})\\n"
                                + "after sigreturn the mask is (\\{\\S*})")
                .matcher(section);
        assertTrue(m.find(), section);
        assertEquals(worker, Long.parseLong(m.group(1)), section);
        // the worker unblocked SIGUSR1, pending for it: it is delivered to the address given to sigaction.
        assertEquals("SIGUSR1", m.group(2), section);
        assertEquals(0x40_1000L, Long.parseLong(m.group(3), 16), section);
        // in the handler: the interrupted mask {SIGQUIT} | sa_mask {SIGUSR2} | the signal (no SA_NODEFER).
        assertEquals(Set.of("SIGQUIT", "SIGUSR1", "SIGUSR2"), DemoOutput.names(m.group(4)), section);
        // sigreturn restores the mask from before the handler.
        assertEquals(Set.of("SIGQUIT"), DemoOutput.names(m.group(5)), section);
    }

    @Test
    void claimsTakeThreadThenProcessThenRealtimeSignalsWithTheSendersInfo() throws Exception {
        final DemoOutput out = DemoOutput.capture(Demo::main);
        final List<long[]> threads = threadWords(out.section("== after the sends =="));
        final int main = (int) threads.get(0)[0];
        final int worker = (int) threads.get(1)[0];
        final List<String> section = out.section("== claims ==");
        final List<Claim> claims = new ArrayList<>();
        for (final String line : section) {
            if (line.contains(" claims ")) {
                final Matcher m = CLAIM.matcher(line);
                assertTrue(m.find(), line);
                claims.add(new Claim(
                        Integer.parseInt(m.group(1)),
                        m.group(2),
                        m.group(3),
                        m.group(4) == null ? -1 : Integer.parseInt(m.group(4)),
                        m.group(5) == null ? -1 : Integer.parseInt(m.group(5)),
                        Long.parseLong(m.group(6))));
            }
        }
        // The demo claims for main, then worker, then io. Main: its own SIGUSR2 (tgkill) before the process's
        // SIGQUIT (kill); SIGINT and SIGRTMIN are blocked in main. Worker: SIGINT (it blocks SIGQUIT), then the
        // three SIGRTMIN instances in the order they were queued. io blocks everything. Once main unblocks
        // everything nothing is left for it: each process-directed signal went to one thread only.
        assertEquals(
                List.of(
                        new Claim(main, "SIGUSR2", "SI_TKILL", SHELL_PID, SHELL_UID, 0),
                        new Claim(main, "SIGQUIT", "SI_USER", SHELL_PID, SHELL_UID, 0),
                        new Claim(worker, "SIGINT", "SI_USER", SHELL_PID, SHELL_UID, 0),
                        new Claim(worker, "SIGRTMIN", "SI_QUEUE", SHELL_PID, SHELL_UID, 100),
                        new Claim(worker, "SIGRTMIN", "SI_QUEUE", SHELL_PID, SHELL_UID, 101),
                        new Claim(worker, "SIGRTMIN", "SI_QUEUE", SHELL_PID, SHELL_UID, 102)),
                claims,
                section::toString);
        final Matcher old =
                Pattern.compile("main unblocks everything; old mask (\\{\\S*})").matcher(String.join("\n", section));
        assertTrue(old.find(), section::toString);
        assertEquals(Set.of("SIGINT", "SIGTERM", "SIGRTMIN"), DemoOutput.names(old.group(1)), section::toString);
    }

    @Test
    void atTheEndOnlyTheBlockedThreadSignalIsLeft() throws Exception {
        final List<String> section = DemoOutput.capture(Demo::main).section("== at the end ==");
        assertEquals(0L, processPending(section), section::toString);
        assertFalse(section.stream().anyMatch(l -> l.contains("queued for process")), section::toString);
        final List<long[]> threads = threadWords(section);
        assertWords(threads.get(0), 0, -1L, "main");
        assertWords(threads.get(1), 0, ~bits(SIGQUIT), "worker");
        assertWords(threads.get(2), bits(SIGRTMIN + 2), bits(SIGKILL, SIGSTOP), "io");
        assertTrue(
                section.stream().anyMatch(l -> l.matches("\\s*queued for thread: SIGRTMIN\\+2 x1")), section::toString);
    }
}
