package dev.sigpage.impl;

import dev.sigpage.api.ProcessControlDescriptor;
import dev.sigpage.api.RedoxSaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.Signals;
import dev.sigpage.api.ThreadControlDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Prints raw Redox pages field by field in Redox's own terms (the names of syscall's {@code sigabi.rs}:
 * {@code pending}, {@code actions[i].first}, {@code user_data}, {@code sender_infos}, {@code word}, {@code
 * control_flags}, {@code saved_ip}, {@code saved_archdep_reg}; redox-rt's {@code SigactionFlags} names). It reads the
 * bytes only, so it prints a dump before it is imported, and prints what it cannot decode instead of refusing.
 */
public final class RedoxDumpPrinter {
    private static final String NL = System.lineSeparator();

    private RedoxDumpPrinter() {}

    /**
     * Prints dump files: {@code [--default-handler <hex>] <process-page-file> [<thread-region-file>]}. The
     * default-handler address is read from the page (SIGKILL's action) unless given. Each dump is printed field by
     * field, then checked as an import would check it.
     *
     * @param args the arguments
     */
    public static void main(final String[] args) {
        System.exit(run(args, System.out));
    }

    /**
     * What {@link #main} does, without exiting.
     *
     * @param args the arguments
     * @param out  where the text goes
     * @return 0 if every dump passes the import check, 2 if one is refused, 64 for a usage error or an unreadable
     *     file
     */
    public static int run(final String[] args, final PrintStream out) {
        int i = 0;
        Long dfl = null;
        if (args.length >= 2 && args[0].equals("--default-handler")) {
            try {
                dfl = Long.parseUnsignedLong(args[1].replaceFirst("^0[xX]", ""), 16);
            } catch (final NumberFormatException e) {
                out.println("default handler must be a hexadecimal address: value=" + args[1]);
                return 64;
            }
            i = 2;
        }
        if (args.length - i < 1 || args.length - i > 2) {
            out.println("usage: RedoxDumpPrinter [--default-handler <hex>] <process-page-file> [<thread-region-file>]");
            return 64;
        }
        final byte[] page;
        final byte[] region;
        try {
            page = Files.readAllBytes(Paths.get(args[i]));
            region = args.length - i == 2 ? Files.readAllBytes(Paths.get(args[i + 1])) : null;
        } catch (final IOException e) {
            out.println("cannot read the dump: " + e.getMessage());
            return 64;
        }
        try {
            final RedoxActionCodec codec = new RedoxActionCodec(dfl != null ? dfl : RedoxDump.defaultHandlerOf(page));
            out.print(processPage(page, codec));
            RedoxDumpCheck.checkProcessPage(page, codec);
            out.println("process page: passes the import check");
            if (region != null) {
                out.print(threadRegion(region));
                RedoxDumpCheck.checkThreadRegion(region);
                out.println("thread region: passes the import check");
            }
            return 0;
        } catch (final IllegalArgumentException e) {
            out.println("refused: " + e.getMessage());
            return 2;
        }
    }

    /**
     * A process page: the pending word, every action, the non-zero sender infos.
     *
     * @param page  4096 bytes
     * @param codec the codec of the dumped process
     * @return the text
     * @throws DumpRefusedException if the page has the wrong size
     */
    public static String processPage(final byte[] page, final RedoxActionCodec codec) {
        if (page.length != ProcessControlDescriptor.LENGTH) {
            throw new DumpRefusedException(
                    RedoxDumpCheck.PROCESS_PAGE,
                    "a process page is 4096 bytes",
                    Math.min(page.length, ProcessControlDescriptor.LENGTH),
                    page.length);
        }
        final StringBuilder sb = new StringBuilder();
        sb.append("SigProcControl (4096 bytes), default_handler=0x")
                .append(Long.toHexString(codec.defaultHandler()))
                .append(NL);
        final long pending = RedoxDumpCheck.word(page, ProcessControlDescriptor.PENDING_OFFSET);
        line(sb, ProcessControlDescriptor.PENDING_OFFSET, "pending", pending, set(pending));
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            final int at = ProcessControlDescriptor.actionFirstOffset(sig);
            final long first = RedoxDumpCheck.word(page, at);
            final long userData = RedoxDumpCheck.word(page, ProcessControlDescriptor.actionUserDataOffset(sig));
            line(sb, at, "actions[" + (sig - 1) + "].first", first, Signals.name(sig) + ": " + action(first, codec));
            line(
                    sb,
                    at + Long.BYTES,
                    "actions[" + (sig - 1) + "].user_data",
                    userData,
                    userData == RedoxActionCodec.MASK_DONTCARE ? "MASK_DONTCARE" : set(userData));
        }
        for (int sig = 1; sig <= ThreadControlDescriptor.SENDER_INFO_SLOTS; sig++) {
            final int at = ProcessControlDescriptor.senderInfoOffset(sig);
            final long info = RedoxDumpCheck.word(page, at);
            if (info != 0) {
                line(sb, at, "sender_infos[" + (sig - 1) + "]", info, senderInfo(info));
            }
        }
        return sb.toString();
    }

    /**
     * A thread region: both words split into pending and unmasked, the non-zero sender infos, the control flags and
     * the two saved registers.
     *
     * @param region 296 bytes
     * @return the text
     * @throws DumpRefusedException if the region has the wrong size
     */
    public static String threadRegion(final byte[] region) {
        if (region.length != ThreadControlDescriptor.LENGTH) {
            throw new DumpRefusedException(
                    RedoxDumpCheck.THREAD_REGION,
                    "a thread region is 296 bytes",
                    Math.min(region.length, ThreadControlDescriptor.LENGTH),
                    region.length);
        }
        final StringBuilder sb = new StringBuilder("Sigcontrol (296 bytes)").append(NL);
        for (int i = 0; i < 2; i++) {
            final int at = ThreadControlDescriptor.WORD_0_OFFSET + i * ThreadControlDescriptor.WORD_LENGTH;
            final long w = RedoxDumpCheck.word(region, at);
            final int shift = 32 * i;
            final long pending = (w & ThreadControlDescriptor.PENDING_MASK) << shift;
            final long unmasked = (w >>> ThreadControlDescriptor.ALLOW_SHIFT) << shift;
            line(sb, at, "word[" + i + "]", w, "pending " + set(pending) + ", unmasked " + set(unmasked));
        }
        for (int sig = 1; sig <= ThreadControlDescriptor.SENDER_INFO_SLOTS; sig++) {
            final int at = ThreadControlDescriptor.senderInfoOffset(sig);
            final long info = RedoxDumpCheck.word(region, at);
            if (info != 0) {
                line(sb, at, "sender_infos[" + (sig - 1) + "]", info, senderInfo(info));
            }
        }
        final long flags = RedoxDumpCheck.word(region, ThreadControlDescriptor.CONTROL_FLAGS_OFFSET);
        line(
                sb,
                ThreadControlDescriptor.CONTROL_FLAGS_OFFSET,
                "control_flags",
                flags,
                (flags & ThreadControlDescriptor.INHIBIT_DELIVERY_FLAG) != 0 ? "INHIBIT_DELIVERY" : "delivery allowed");
        line(
                sb,
                ThreadControlDescriptor.SAVED_IP_OFFSET,
                "saved_ip",
                RedoxDumpCheck.word(region, ThreadControlDescriptor.SAVED_IP_OFFSET),
                "rip / pc at the last diversion");
        line(
                sb,
                ThreadControlDescriptor.SAVED_ARCH_REGISTER_OFFSET,
                "saved_archdep_reg",
                RedoxDumpCheck.word(region, ThreadControlDescriptor.SAVED_ARCH_REGISTER_OFFSET),
                "rflags / x0 / t0 at the last diversion");
        return sb.toString();
    }

    /**
     * One action word in redox-rt's terms, e.g. {@code "default_handler | SIG_SPECIFIC (SIG_DFL)"}.
     *
     * @param first the {@code first} word
     * @param codec the codec
     * @return the text
     */
    public static String action(final long first, final RedoxActionCodec codec) {
        final long handler = first & ProcessControlDescriptor.HANDLER_MASK;
        final String target = handler == codec.defaultHandler() ? "default_handler" : "0x" + Long.toHexString(handler);
        final String flags = flagNames((int) (first >>> RedoxSaFlags.PAGE_SHIFT) & RedoxSaFlags.STORED);
        final String why = codec.whyUndecodable(first);
        final long kind = codec.handlerOf(first);
        final String meaning = why != null
                ? "UNDECODABLE: " + why
                : kind == SigAction.SIG_DFL ? "SIG_DFL" : kind == SigAction.SIG_IGN ? "SIG_IGN" : "handler";
        return target + (flags.isEmpty() ? "" : " | " + flags) + " (" + meaning + ")";
    }

    private static String flagNames(final int flags) {
        final StringBuilder sb = new StringBuilder();
        name(sb, flags, RedoxSaFlags.IGNORED, "IGNORED");
        name(sb, flags, RedoxSaFlags.SA_NOCLDSTOP, "SIG_SPECIFIC");
        name(sb, flags, RedoxSaFlags.SA_RESETHAND, "RESETHAND");
        name(sb, flags, RedoxSaFlags.SA_NODEFER, "NODEFER");
        name(sb, flags, RedoxSaFlags.SA_RESTART, "RESTART");
        name(sb, flags, RedoxSaFlags.SA_ONSTACK, "ONSTACK");
        name(sb, flags, RedoxSaFlags.SA_SIGINFO, "SIGINFO");
        return sb.toString();
    }

    private static void name(final StringBuilder sb, final int flags, final int flag, final String name) {
        if ((flags & flag) != 0) {
            sb.append(sb.length() == 0 ? "" : "|").append(name);
        }
    }

    private static String senderInfo(final long info) {
        return "pid=" + (info & 0xFFFF_FFFFL) + " ruid=" + (info >>> 32);
    }

    private static String set(final long bits) {
        final StringBuilder sb = new StringBuilder("{");
        long rest = bits;
        while (rest != 0) {
            final int sig = Long.numberOfTrailingZeros(rest) + 1;
            rest &= rest - 1;
            sb.append(sb.length() == 1 ? "" : ",").append(Signals.name(sig));
        }
        return sb.append('}').toString();
    }

    private static void line(
            final StringBuilder sb, final int offset, final String field, final long value, final String note) {
        sb.append(String.format("  +%-4d %-26s 0x%016x  %s%n", offset, field, value, note));
    }
}
