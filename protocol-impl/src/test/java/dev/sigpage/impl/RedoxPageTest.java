package dev.sigpage.impl;

import static dev.sigpage.impl.GoldenLayoutTest.le64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte-exact Redox pages. Every expected word is a literal worked out by hand from redox-rt's source (relibc
 * {@code redox-rt/src/signal.rs} at {@code 6359922768c6}: {@code SigactionFlags}, {@code sigaction_inner},
 * {@code setup_sighandler}) and REDOX.md, with the default handler configured at 0x7f1234; none is computed with the
 * model's own codec.
 */
class RedoxPageTest {
    static final long DFL = 0x7f1234L;

    static Kernel redox() {
        return new Kernel(KernelConfig.defaults().withProfile(Profile.REDOX).withRedoxDefaultHandler(DFL));
    }

    static long first(final ModelProcess p, final int sig) {
        return le64(p.page(), 16 + 16 * (sig - 1));
    }

    static long userData(final ModelProcess p, final int sig) {
        return le64(p.page(), 24 + 16 * (sig - 1));
    }

    /** redox-rt's {@code convert_old}, restated from its source: the kind a word decodes to. */
    static String oracleKind(final long first) {
        final long handler = first & ~(0xfe00_0000L << 32);
        if (handler == DFL) {
            return "Default";
        }
        if ((first & (0x8000_0000L << 32)) != 0) {
            return "Ignore";
        }
        return "Handled@" + Long.toHexString(handler);
    }

    @Test
    void freshPageIsRedoxRtStartUpState() {
        final ModelProcess p = redox().spawn(1000, 1000);
        assertEquals(0x7f1234L, first(p, Signals.SIGHUP));
        assertEquals(0x7f1234L, first(p, Signals.SIGKILL));
        assertEquals(0x7f1234L, first(p, Signals.SIGSTOP));
        assertEquals(0x7f1234L, first(p, 32));
        assertEquals(0x7f1234L, first(p, 64));
        for (final int sig : new int[] {17, 23, 28}) {
            assertEquals(0x8000_0000_007f_1234L, first(p, sig), "CHLD/URG/WINCH: IGNORED");
        }
        for (final int sig : new int[] {20, 21, 22}) {
            assertEquals(0x4000_0000_007f_1234L, first(p, sig), "TSTP/TTIN/TTOU: SIG_SPECIFIC");
        }
        for (int sig = 1; sig <= 64; sig++) {
            assertEquals(0L, userData(p, sig));
        }
    }

    @Test
    void posixFreshPageIsUnchanged() {
        final ModelProcess p = new Kernel().spawn(1000, 1000);
        assertEquals(0L, first(p, Signals.SIGHUP));
        assertEquals(0L, first(p, 32));
        assertEquals(1L << 63, first(p, Signals.SIGCHLD));
    }

    @Test
    void sigactionWritesWhatRedoxRtWrites() {
        final ModelProcess p = redox().spawn(1000, 1000);
        p.sigaction(
                Signals.SIGINT, new SigAction(SigAction.SIG_IGN, SignalSet.of(Signals.SIGUSR1), SaFlags.SA_RESTART));
        assertEquals(0x8000_0000_0000_0000L, first(p, Signals.SIGINT), "SIG_IGN: handler 0, IGNORED alone");
        assertEquals(-1L, userData(p, Signals.SIGINT));

        p.sigaction(
                Signals.SIGUSR1,
                SigAction.handler(0x401000L, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_RESTART | SaFlags.SA_SIGINFO));
        assertEquals(0x0A00_0000_0040_1000L, first(p, Signals.SIGUSR1));
        assertEquals(0x800L, userData(p, Signals.SIGUSR1), "raw sa_mask: SIGUSR2 at bit 11");

        p.sigaction(
                Signals.SIGUSR2, new SigAction(SigAction.SIG_DFL, SignalSet.of(Signals.SIGINT), SaFlags.SA_RESTART));
        assertEquals(0x0800_0000_007f_1234L, first(p, Signals.SIGUSR2), "SIG_DFL keeps the caller's flags");
        assertEquals(0x2L, userData(p, Signals.SIGUSR2), "and its mask");

        p.sigaction(Signals.SIGCHLD, new SigAction(SigAction.SIG_DFL, SignalSet.empty(), SaFlags.SA_NOCLDSTOP));
        assertEquals(0xC000_0000_007f_1234L, first(p, Signals.SIGCHLD));
        assertEquals(-1L, userData(p, Signals.SIGCHLD), "explicit SIG_DFL of CHLD is not the start-up state");

        p.sigaction(Signals.SIGCHLD, new SigAction(SigAction.SIG_DFL, SignalSet.of(2), SaFlags.SA_RESTART));
        assertEquals(0x8000_0000_007f_1234L, first(p, Signals.SIGCHLD), "SIG_DFL of CHLD drops SA_RESTART, no bit 62");
        assertEquals(-1L, userData(p, Signals.SIGCHLD));

        p.sigaction(Signals.SIGTSTP, new SigAction(SigAction.SIG_DFL, SignalSet.of(2), SaFlags.SA_RESTART));
        assertEquals(0x4000_0000_007f_1234L, first(p, Signals.SIGTSTP), "flags dropped, stop by default");
        assertEquals(-1L, userData(p, Signals.SIGTSTP));

        p.sigaction(Signals.SIGWINCH, SigAction.DEFAULT);
        assertEquals(0x8000_0000_007f_1234L, first(p, Signals.SIGWINCH));
        assertEquals(-1L, userData(p, Signals.SIGWINCH));

        p.sigaction(Signals.SIGTERM, SigAction.handler(0x402000L, SignalSet.empty(), SaFlags.SA_NOCLDSTOP));
        assertEquals(0x4000_0000_0040_2000L, first(p, Signals.SIGTERM), "bit 62 stored for any signal");
    }

    @Test
    void readBackAsRedoxRtReportsIt() {
        final ModelProcess p = redox().spawn(1000, 1000);
        p.sigaction(Signals.SIGINT, SigAction.IGNORE);
        p.sigaction(Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.of(2), SaFlags.SA_SIGINFO));
        assertTrue(p.sigaction(Signals.SIGINT).isIgnored());
        assertTrue(p.sigaction(Signals.SIGHUP).isDefault());
        assertTrue(p.sigaction(Signals.SIGCHLD).isDefault());
        assertEquals(SigAction.handler(0x401000L, SignalSet.of(2), SaFlags.SA_SIGINFO), p.sigaction(Signals.SIGUSR1));
        final SigAction tstp = p.sigaction(Signals.SIGTSTP);
        assertTrue(tstp.isDefault());
        assertEquals(SaFlags.SA_NOCLDSTOP, tstp.flags(), "bit 62 reads back as SA_NOCLDSTOP, as relibc returns it");
        for (int sig = 1; sig <= 64; sig++) {
            final long word = first(p, sig);
            final String kind = oracleKind(word);
            final long handler = p.kernel.rules().handlerOf(word);
            assertEquals(
                    kind,
                    handler == SigAction.SIG_DFL
                            ? "Default"
                            : handler == SigAction.SIG_IGN ? "Ignore" : "Handled@" + Long.toHexString(handler),
                    Signals.name(sig));
        }
    }

    @Test
    void defaultHandlerAddressAsHandlerIsRefusedAndChangesNothing() {
        final ModelProcess p = redox().spawn(1000, 1000);
        final IllegalArgumentException e = Pages.unchanged(
                IllegalArgumentException.class,
                () -> p.sigaction(Signals.SIGUSR1, SigAction.handler(DFL, SignalSet.empty(), 0)),
                p);
        assertTrue(e.getMessage().endsWith("handler=0x7f1234"), e.getMessage());
    }

    @Test
    void redoxAcceptsAnyFlagsPosixRefusesUnknown() {
        final ModelProcess r = redox().spawn(1000, 1000);
        r.sigaction(Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.empty(), SaFlags.SA_NOCLDWAIT));
        assertEquals(0x401000L, first(r, Signals.SIGUSR1), "SA_NOCLDWAIT is not stored");
        final ModelProcess x = new Kernel().spawn(1000, 1000);
        Pages.unchanged(
                dev.sigpage.api.SignalException.class,
                () -> x.sigaction(
                        Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.empty(), SaFlags.SA_NOCLDWAIT)),
                x);
    }

    @Test
    void exportedPagesReadAsIntendedAndImportRoundTrips() {
        final Kernel k = redox();
        final ModelProcess shell = k.spawn(1000, 1000);
        final ModelProcess app = k.spawn(1000, 1000);
        final ModelThread main = app.mainThread();
        app.sigaction(Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.of(2), SaFlags.SA_RESTART));
        app.sigaction(Signals.SIGINT, SigAction.IGNORE);
        main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGUSR1, Signals.SIGTERM));
        k.kill(shell.mainThread(), app.pid(), Signals.SIGTERM);
        k.tgkill(shell.mainThread(), app.pid(), main.tid(), Signals.SIGUSR1);
        k.sigqueue(shell.mainThread(), app.pid(), Signals.SIGRTMIN, 7);
        final byte[] page = RedoxDump.processPage(app);
        final byte[] region = RedoxDump.threadRegion(main);
        assertEquals(DFL, RedoxDump.defaultHandlerOf(page));

        final Kernel k2 = redox();
        final ModelProcess copy = k2.spawn(1000, 1000);
        RedoxDump.load(copy, page, copy.mainThread(), region);
        assertArrayEquals(page, RedoxDump.processPage(copy));
        assertArrayEquals(region, RedoxDump.threadRegion(copy.mainThread()));
        assertEquals(
                SigAction.handler(0x401000L, SignalSet.of(2), SaFlags.SA_RESTART), copy.sigaction(Signals.SIGUSR1));
        copy.mainThread().sigprocmask(MaskHow.SETMASK, SignalSet.empty());
        final MutableSigInfo info = new MutableSigInfo();
        assertEquals(Signals.SIGUSR1, copy.mainThread().claim(info));
        assertEquals(shell.pid(), info.senderPid(), "sender info travels in the region");
        assertEquals(Signals.SIGTERM, copy.mainThread().claim(info));
        assertEquals(SigInfo.SI_USER, info.code());
        assertEquals(Signals.SIGRTMIN, copy.mainThread().claim(info), "one instance rebuilt for the queued bit");
        assertEquals(0, copy.mainThread().claim(info));
    }

    static byte[] freshPage() {
        return RedoxDump.processPage(redox().spawn(1000, 1000));
    }

    static byte[] freshRegion() {
        return RedoxDump.threadRegion(redox().spawn(1000, 1000).mainThread());
    }

    static byte[] with(final byte[] bytes, final int offset, final long value) {
        final byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(offset, value);
        return copy;
    }

    private static void refused(
            final byte[] page, final byte[] region, final int offset, final long value, final String rule) {
        final Kernel k = redox();
        final ModelProcess p = k.spawn(1000, 1000);
        p.sigaction(Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.empty(), 0));
        k.kill(null, p.pid(), Signals.SIGUSR1);
        k.sigqueue(null, p.pid(), Signals.SIGRTMIN, 1);
        final DumpRefusedException e =
                Pages.unchanged(DumpRefusedException.class, () -> RedoxDump.load(p, page, p.mainThread(), region), p);
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(value, e.value(), e.getMessage());
        assertTrue(e.getMessage().contains(rule), e.getMessage());
        assertTrue(e.getMessage().contains("offset=" + offset), e.getMessage());
    }

    @Test
    void malformedDumpsAreRefusedWithOffsetAndValueAndNothingImported() {
        final byte[] page = freshPage();
        final byte[] region = freshRegion();
        refused(new byte[4095], region, 4095, 4095, "4096 bytes");
        refused(page, new byte[297], 296, 297, "296 bytes");
        refused(with(page, 8, 5), region, 8, 5, "padding");
        refused(with(page, 2000, 1), region, 2000, 1, "unused");
        refused(with(page, 0, 1L << 8), region, 0, 1L << 8, "never pending");
        // SIGKILL's user_data (24 + 16 x 8) must be the start-up 0; signal 64's first word (16 + 16 x 63) must decode.
        refused(with(page, 152, 0x2L), region, 152, 0x2L, "the mask of SIGKILL must be 0");
        refused(with(page, 1024, 0L), region, 1024, 0L, "decodes to no action");
        refused(with(page, 0, 1L << 31), region, 0, 1L << 31, "signal 32");
        refused(with(page, 32, 0L), region, 32, 0L, "decodes to no action");
        refused(with(page, 32, (1L << 63) | 0x5000), region, 32, (1L << 63) | 0x5000, "ignored action");
        refused(with(page, 16 + 16 * 8, 0x401000L), region, 144, 0x401000L, "SIGKILL");
        refused(page, with(region, 272, 2), 272, 2, "reserved");
        refused(page, with(region, 0, 0xFFFF_FFFF_0000_0100L), 0, 0xFFFF_FFFF_0000_0100L, "never pending");
        refused(page, with(region, 0, 0xFFFF_FEFF_0000_0000L), 0, 0xFFFF_FEFF_0000_0000L, "always allowed");
    }

    /**
     * exec runs the new image's redox-rt start-up (setup_sighandler): every action that is not SIG_IGN is written
     * back to its start-up words, an explicit SIG_DFL too (REDOX.md: fresh page; exec passes the ignored set only).
     */
    @Test
    void execWritesTheStartUpWordsOverEveryActionButSigIgn() {
        final ModelProcess p = redox().spawn(1000, 1000);
        p.sigaction(Signals.SIGCHLD, new SigAction(SigAction.SIG_DFL, SignalSet.empty(), SaFlags.SA_NOCLDSTOP));
        p.sigaction(Signals.SIGUSR2, new SigAction(SigAction.SIG_DFL, SignalSet.of(2), SaFlags.SA_RESTART));
        p.sigaction(Signals.SIGINT, SigAction.IGNORE);
        p.exec(p.mainThread());
        assertEquals(0x8000_0000_007f_1234L, first(p, Signals.SIGCHLD));
        assertEquals(0L, userData(p, Signals.SIGCHLD));
        assertEquals(0x7f1234L, first(p, Signals.SIGUSR2));
        assertEquals(0L, userData(p, Signals.SIGUSR2));
        assertEquals(0x8000_0000_0000_0000L, first(p, Signals.SIGINT), "SIG_IGN passes exec");
    }

    /**
     * procmgr stops at send time only for a TSTP/TTIN/TTOU whose action word has bit 62 (REDOX.md, section 3): an
     * imported page whose SIGTSTP is the default handler without bit 62 makes SIGTSTP an ordinary signal.
     */
    @Test
    void aDefaultSigtstpWithoutBit62DoesNotStopAtSend() {
        final Kernel k = redox();
        final ModelProcess p = k.spawn(1000, 1000);
        final byte[] page = with(freshPage(), 16 + 16 * (Signals.SIGTSTP - 1), DFL);
        RedoxDump.load(p, page, null, null);
        p.mainThread().sigprocmask(dev.sigpage.api.MaskHow.BLOCK, SignalSet.of(Signals.SIGTSTP));
        k.kill(null, p.pid(), Signals.SIGTSTP);
        assertFalse(p.isStopped());
        assertEquals(SignalSet.of(Signals.SIGTSTP), p.pendingSet());
    }

    @Test
    void posixKernelHasNoRedoxPages() {
        final ModelProcess p = new Kernel().spawn(1000, 1000);
        assertEquals(
                "Redox pages need a REDOX kernel: profile=POSIX",
                assertThrows(IllegalStateException.class, () -> RedoxDump.processPage(p))
                        .getMessage());
        assertEquals(Profile.REDOX, redox().rules().profile());
        final byte[] page = freshPage();
        Pages.unchanged(IllegalStateException.class, () -> RedoxDump.load(p, page, null, null), p);
    }

    @Test
    void printerSpeaksRedox() {
        final ModelProcess p = redox().spawn(1000, 1000);
        p.sigaction(Signals.SIGINT, SigAction.IGNORE);
        final String text = RedoxDumpPrinter.processPage(RedoxDump.processPage(p), RedoxDump.codecOf(p.kernel));
        assertTrue(
                text.contains("actions[19].first          0x40000000007f1234  SIGTSTP: default_handler | "
                        + "SIG_SPECIFIC (SIG_DFL)"),
                text);
        assertTrue(
                text.contains("actions[1].first           0x8000000000000000  SIGINT: 0x0 | IGNORED (SIG_IGN)"), text);
        assertTrue(text.contains("actions[1].user_data       0xffffffffffffffff  MASK_DONTCARE"), text);
        final String bad = RedoxDumpPrinter.action(0L, RedoxDump.codecOf(p.kernel));
        assertTrue(bad.contains("UNDECODABLE"), bad);
        final ModelThread t = p.mainThread();
        KernelDiversion.handlerReturned(t);
        final String region = RedoxDumpPrinter.threadRegion(RedoxDump.threadRegion(t));
        assertTrue(region.contains("+272  control_flags              0x0000000000000001  INHIBIT_DELIVERY"), region);
    }

    @Test
    void pagePrinterDecodesRedoxWords() {
        final ModelProcess p = redox().spawn(1000, 1000);
        assertTrue(PagePrinter.process(p).contains("(none)"), "the start-up words are the defaults");
        p.sigaction(Signals.SIGINT, SigAction.IGNORE);
        final String text = PagePrinter.process(p);
        assertTrue(text.contains("SIGINT       first=0x8000000000000000 handler=SIG_IGN"), text);
        assertFalse(text.contains("    SIGHUP "), text);
    }

    @Test
    void commandPrintsAndChecksDumpFiles(@TempDir final Path dir) throws Exception {
        final ModelProcess p = redox().spawn(1000, 1000);
        final Path page = Files.write(dir.resolve("page.bin"), RedoxDump.processPage(p));
        final Path region = Files.write(dir.resolve("region.bin"), RedoxDump.threadRegion(p.mainThread()));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(0, RedoxDumpPrinter.run(new String[] {page.toString(), region.toString()}, out));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("default_handler=0x7f1234"), text);
        assertTrue(text.contains("thread region: passes the import check"), text);
        final Path bad = Files.write(dir.resolve("bad.bin"), with(RedoxDump.processPage(p), 8, 5));
        bytes.reset();
        assertEquals(2, RedoxDumpPrinter.run(new String[] {bad.toString()}, out));
        text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("refused: process page: padding must be 0: offset=8 value=0x5"), text);
        bytes.reset();
        assertEquals(64, RedoxDumpPrinter.run(new String[0], out));
    }

    @Test
    void inhibitFlagLifeCycle() {
        final Kernel k = redox();
        final ModelProcess p = k.spawn(1000, 1000);
        final ModelThread t = p.mainThread();
        assertFalse(KernelDiversion.divert(t, 0x401234L, 0x246L), "nothing deliverable");
        assertEquals(0L, le64(t.region(), 272));
        assertEquals(0L, le64(t.region(), 280));
        p.sigaction(Signals.SIGUSR1, SigAction.handler(0x401000L, SignalSet.empty(), 0));
        k.tgkill(null, p.pid(), t.tid(), Signals.SIGUSR1);
        assertTrue(KernelDiversion.divert(t, 0x401234L, 0x246L));
        assertEquals(1L, le64(t.region(), 272), "the kernel sets the flag itself");
        assertEquals(0x401234L, le64(t.region(), 280), "saved_ip");
        assertEquals(0x246L, le64(t.region(), 288), "saved_archdep_reg");
        assertFalse(KernelDiversion.divert(t, 0x999L, 0x1L), "inhibited: not diverted again");
        assertEquals(0x401234L, le64(t.region(), 280), "and nothing overwritten");
        KernelDiversion.handlerMaskInPlace(t);
        assertEquals(0L, le64(t.region(), 272));
        KernelDiversion.handlerReturned(t);
        assertEquals(1L, le64(t.region(), 272));
        assertEquals(0x401234L, KernelDiversion.resumed(t));
        assertEquals(0L, le64(t.region(), 272));
    }
}
