package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.SigAction;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redox dump printer on pages written byte by byte at the offsets of Redox's {@code sigabi.rs} (docs/DESIGN.md,
 * "The shared pages"): process page pending 0, actions 16 (16 bytes each, {@code first} then {@code user_data}),
 * sender infos 1040; thread region words 0 and 8, sender infos 16, control flags 272, saved ip 280, saved arch
 * register 288. Every expected line is written out from those facts: the offset, the field, the word in hex, and
 * its meaning (signal n at bit n-1, SIGRTMIN 33; the flag page bits 57-63 SIGINFO, ONSTACK, RESTART, NODEFER,
 * RESETHAND, SIG_SPECIFIC, IGNORED; a sender info word is pid in the low half, ruid in the high half). The line
 * layout is the printer's: two spaces, {@code +offset} in 5 columns, the field in 26, the word, two spaces, the
 * meaning.
 */
class RedoxDumpPrinterTest {
    /** The default-handler address the test's pages use (any address 2..2^57-1). */
    private static final long DFL = 0x7f1234L;

    private static final RedoxActionCodec CODEC = new RedoxActionCodec(DFL);

    private static void put(final byte[] bytes, final int offset, final long value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
    }

    private static List<String> lines(final String text) {
        assertTrue(text.endsWith(System.lineSeparator()), "every line ends with the line separator");
        return List.of(text.split(System.lineSeparator()));
    }

    @Test
    void processPageFieldByField() {
        final byte[] page = new byte[4096];
        put(page, 0, 0x8000_0000_0000_0201L); // pending: SIGHUP, SIGUSR1, 64
        put(page, 16, DFL); // SIGHUP: SIG_DFL
        put(page, 32, 1L << 63); // SIGINT: handler 0, IGNORED
        put(page, 40, -1L);
        put(page, 160, (1L << 59) | (1L << 57) | 0x401000L); // SIGUSR1: RESTART | SIGINFO
        put(page, 168, 0x2L);
        put(page, 192, 0xFE00_0000_0040_1000L); // SIGUSR2: every stored flag on a handler
        put(page, 200, 0x8000_0000_0000_0001L);
        put(page, 272, (1L << 63) | DFL); // SIGCHLD: the start-up word, default and ignored
        put(page, 320, (1L << 62) | DFL); // SIGTSTP: the start-up word, default and stop
        put(page, 1024, (1L << 57) - 1); // signal 64: the highest handler address, no flags
        put(page, 1032, 1L << 32);
        put(page, 1040, (1000L << 32) | 42); // sender of SIGHUP: pid 42, ruid 1000
        put(page, 1288, 0x0000_0007_FFFF_FFFFL); // sender of signal 32: pid 2^32-1, ruid 7
        final List<String> lines = lines(RedoxDumpPrinter.processPage(page, CODEC));
        // the header, pending, two words for each of the 64 actions, the two non-zero sender infos.
        assertEquals(1 + 1 + 128 + 2, lines.size(), String.join("\n", lines));
        assertEquals("SigProcControl (4096 bytes), default_handler=0x7f1234", lines.get(0));
        final List<String> expected = List.of(
                "  +0    pending                    0x8000000000000201  {SIGHUP,SIGUSR1,SIGRTMIN+31}",
                "  +16   actions[0].first           0x00000000007f1234  SIGHUP: default_handler (SIG_DFL)",
                "  +24   actions[0].user_data       0x0000000000000000  {}",
                "  +32   actions[1].first           0x8000000000000000  SIGINT: 0x0 | IGNORED (SIG_IGN)",
                "  +40   actions[1].user_data       0xffffffffffffffff  MASK_DONTCARE",
                "  +160  actions[9].first           0x0a00000000401000  "
                        + "SIGUSR1: 0x401000 | RESTART|SIGINFO (handler)",
                "  +168  actions[9].user_data       0x0000000000000002  {SIGINT}",
                "  +192  actions[11].first          0xfe00000000401000  SIGUSR2: 0x401000 | "
                        + "IGNORED|SIG_SPECIFIC|RESETHAND|NODEFER|RESTART|ONSTACK|SIGINFO "
                        + "(UNDECODABLE: an ignored action's handler must be 0 or the default handler)",
                "  +200  actions[11].user_data      0x8000000000000001  {SIGHUP,SIGRTMIN+31}",
                "  +240  actions[14].first          0x0000000000000000  SIGTERM: 0x0 "
                        + "(UNDECODABLE: a handler word must not be 0 without IGNORED (it decodes to no action))",
                "  +272  actions[16].first          0x80000000007f1234  "
                        + "SIGCHLD: default_handler | IGNORED (SIG_DFL)",
                "  +320  actions[19].first          0x40000000007f1234  "
                        + "SIGTSTP: default_handler | SIG_SPECIFIC (SIG_DFL)",
                "  +1024 actions[63].first          0x01ffffffffffffff  " + "SIGRTMIN+31: 0x1ffffffffffffff (handler)",
                "  +1032 actions[63].user_data      0x0000000100000000  {SIGRTMIN}",
                "  +1040 sender_infos[0]            0x000003e80000002a  pid=42 ruid=1000",
                "  +1288 sender_infos[31]           0x00000007ffffffff  pid=4294967295 ruid=7");
        for (final String line : expected) {
            assertTrue(lines.contains(line), line + "\n not in:\n" + String.join("\n", lines));
        }
        assertEquals(expected.get(expected.size() - 1), lines.get(lines.size() - 1), "the last sender info last");
        assertEquals(expected.get(0), lines.get(1), "pending right after the header");
    }

    @Test
    void threadRegionFieldByField() {
        final byte[] region = new byte[296];
        put(region, 0, 0x0000_0003_0000_0002L); // SIGINT pending; SIGHUP and SIGINT allowed
        put(region, 8, 0x0000_0001_8000_0000L); // 64 pending; 33 allowed
        put(region, 88, (1000L << 32) | 77); // sender of SIGUSR1
        put(region, 264, 0x0000_0005_0000_0006L); // sender of signal 32
        put(region, 272, 3L); // bit 0, inhibit delivery (bit 1 is not a flag)
        put(region, 280, 0x401234L);
        put(region, 288, 0x246L);
        assertEquals(
                List.of(
                        "Sigcontrol (296 bytes)",
                        "  +0    word[0]                    0x0000000300000002  "
                                + "pending {SIGINT}, unmasked {SIGHUP,SIGINT}",
                        "  +8    word[1]                    0x0000000180000000  "
                                + "pending {SIGRTMIN+31}, unmasked {SIGRTMIN}",
                        "  +88   sender_infos[9]            0x000003e80000004d  pid=77 ruid=1000",
                        "  +264  sender_infos[31]           0x0000000500000006  pid=6 ruid=5",
                        "  +272  control_flags              0x0000000000000003  INHIBIT_DELIVERY",
                        "  +280  saved_ip                   0x0000000000401234  rip / pc at the last diversion",
                        "  +288  saved_archdep_reg          0x0000000000000246  "
                                + "rflags / x0 / t0 at the last diversion"),
                lines(RedoxDumpPrinter.threadRegion(region)));
        put(region, 272, 2L);
        assertTrue(
                lines(RedoxDumpPrinter.threadRegion(region))
                        .contains("  +272  control_flags              0x0000000000000002  delivery allowed"),
                "bit 0 alone is the inhibit flag");
    }

    @Test
    void aDumpOfTheWrongSizeIsRefusedWithItsLength() {
        assertRefused(() -> RedoxDumpPrinter.processPage(new byte[4095], CODEC), 4095, 4095, "4096 bytes");
        assertRefused(() -> RedoxDumpPrinter.processPage(new byte[4097], CODEC), 4096, 4097, "4096 bytes");
        assertRefused(() -> RedoxDumpPrinter.threadRegion(new byte[295]), 295, 295, "296 bytes");
        assertRefused(() -> RedoxDumpPrinter.threadRegion(new byte[297]), 296, 297, "296 bytes");
        // the refusal names the region the dump was of (DumpRefusedException#region's contract).
        assertEquals(
                "process page",
                assertThrows(DumpRefusedException.class, () -> RedoxDumpPrinter.processPage(new byte[4095], CODEC))
                        .region());
        assertEquals(
                "thread region",
                assertThrows(DumpRefusedException.class, () -> RedoxDumpPrinter.threadRegion(new byte[295]))
                        .region());
    }

    private static void assertRefused(final Runnable print, final int offset, final long value, final String rule) {
        final DumpRefusedException e = assertThrows(DumpRefusedException.class, print::run);
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(value, e.value(), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
    }

    /**
     * A Redox process page and thread region, as the model's REDOX profile writes them with the test's default
     * handler, saved to files.
     */
    private static Path[] dumps(final Path dir) throws Exception {
        final Kernel k =
                new Kernel(KernelConfig.defaults().withProfile(Profile.REDOX).withRedoxDefaultHandler(DFL));
        final ModelProcess p = k.spawn(1000, 1000);
        p.sigaction(Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.empty(), 0));
        return new Path[] {
            Files.write(dir.resolve("page.bin"), RedoxDump.processPage(p)),
            Files.write(dir.resolve("region.bin"), RedoxDump.threadRegion(p.mainThread()))
        };
    }

    private static int run(final StringBuilder text, final String... args) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int status = RedoxDumpPrinter.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        text.setLength(0);
        text.append(bytes.toString(StandardCharsets.UTF_8));
        return status;
    }

    @Test
    void theCommandReadsTheDefaultHandlerInHexWithOrWithoutPrefix(@TempDir final Path dir) throws Exception {
        final Path[] d = dumps(dir);
        final StringBuilder text = new StringBuilder();
        for (final String address : new String[] {"0x7F1234", "0X7f1234", "7f1234"}) {
            assertEquals(0, run(text, "--default-handler", address, d[0].toString()), text.toString());
            assertTrue(text.toString().startsWith("SigProcControl (4096 bytes), default_handler=0x7f1234"), address);
            assertTrue(text.toString().endsWith("process page: passes the import check" + System.lineSeparator()));
            assertFalse(text.toString().contains("Sigcontrol"), "no thread region was given");
        }
        assertEquals(0, run(text, "--default-handler", "0x7f1234", d[0].toString(), d[1].toString()));
        assertTrue(text.toString().endsWith("thread region: passes the import check" + System.lineSeparator()));
        // another default handler reads the page's SIG_DFL words as handlers at 0x7f1234, SIGKILL's among them.
        assertEquals(2, run(text, "--default-handler", "0x401000", d[0].toString(), d[1].toString()));
        assertTrue(
                text.toString().startsWith("SigProcControl (4096 bytes), default_handler=0x401000"), text.toString());
        assertTrue(text.toString().contains("refused: process page: "), text.toString());
        assertFalse(text.toString().contains("Sigcontrol"), "nothing printed after the refusal");
    }

    @Test
    void theCommandRefusesBadArgumentsWithStatus64(@TempDir final Path dir) throws Exception {
        final Path[] d = dumps(dir);
        final String usage =
                "usage: RedoxDumpPrinter [--default-handler <hex>] <process-page-file> [<thread-region-file>]"
                        + System.lineSeparator();
        final StringBuilder text = new StringBuilder();
        assertEquals(64, run(text, "--default-handler", "zz", d[0].toString()));
        assertEquals(
                "default handler must be a hexadecimal address: value=zz" + System.lineSeparator(), text.toString());
        assertEquals(64, run(text));
        assertEquals(usage, text.toString());
        assertEquals(64, run(text, "--default-handler", "0x7f1234"));
        assertEquals(usage, text.toString());
        assertEquals(64, run(text, d[0].toString(), d[1].toString(), d[1].toString()));
        assertEquals(usage, text.toString());
        assertEquals(64, run(text, "--default-handler", "0x7f1234", d[0].toString(), d[1].toString(), "x"));
        assertEquals(usage, text.toString());
        // a lone "--default-handler" is a file name.
        assertEquals(64, run(text, "--default-handler"));
        assertTrue(text.toString().startsWith("cannot read the dump: "), text.toString());
        assertEquals(64, run(text, d[0].toString(), dir.resolve("missing.bin").toString()));
        assertTrue(text.toString().startsWith("cannot read the dump: "), text.toString());
    }

    @Test
    void theCommandPrintsBothDumpsAndRefusesABadRegion(@TempDir final Path dir) throws Exception {
        final Path[] d = dumps(dir);
        final StringBuilder text = new StringBuilder();
        assertEquals(0, run(text, d[0].toString(), d[1].toString()));
        final List<String> lines = lines(text.toString());
        assertEquals("process page: passes the import check", lines.get(1 + 1 + 128));
        assertEquals("Sigcontrol (296 bytes)", lines.get(1 + 1 + 128 + 1));
        assertEquals("thread region: passes the import check", lines.get(lines.size() - 1));
        final byte[] region = Files.readAllBytes(d[1]);
        put(region, 272, 2L);
        final Path bad = Files.write(dir.resolve("bad.bin"), region);
        assertEquals(2, run(text, d[0].toString(), bad.toString()));
        assertTrue(text.toString().contains("+272  control_flags              0x0000000000000002  delivery allowed"));
        final String last = lines(text.toString()).get(lines(text.toString()).size() - 1);
        assertTrue(last.startsWith("refused: thread region: ") && last.contains("offset=272"), text.toString());
        final Path shortPage = Files.write(dir.resolve("short.bin"), new byte[4095]);
        assertEquals(2, run(text, shortPage.toString()));
        assertTrue(text.toString().startsWith("refused: process page: a process page is 4096 bytes"), text.toString());
    }
}
