package dev.sigpage.frames.cli;

import dev.sigpage.frames.Arch;
import dev.sigpage.frames.Delivery;
import dev.sigpage.frames.DeliveryRequest;
import dev.sigpage.frames.FrameDump;
import dev.sigpage.frames.FrameRefusedException;
import dev.sigpage.frames.LinuxSignalContext;
import dev.sigpage.frames.MemoryWrite;
import dev.sigpage.frames.RegisterFile;
import dev.sigpage.frames.RestoredContext;
import dev.sigpage.frames.SignalFrames;
import dev.sigpage.frames.UserMemory;
import dev.sigpage.frames.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The command line: {@code deliver}, {@code restore} (exactly as FRAMES.md specifies) and {@code dump}.
 * JSON goes to standard output. Exit statuses follow sysexits: 0 success (and {@code --help}, {@code -h},
 * {@code --version}, no arguments), 64 a bad command line (an error line naming the value and a usage line on
 * standard error), 65 a refused frame or delivery (one line on standard error naming the field and value).
 */
public final class Main {
    /** Exit status of success. */
    public static final int OK = 0;
    /** Exit status of a bad command line ({@code EX_USAGE}). */
    public static final int USAGE = 64;
    /** Exit status of a refused frame, delivery or input data ({@code EX_DATAERR}). */
    public static final int REFUSED = 65;

    static final String USAGE_LINUX = "linux variant options (deliver, and restore/dump for the features):"
            + " [--sa-flags N] [--sa-mask N] [--altstack SP:SIZE[:FLAGS]] [--siginfo CODE:PID:UID[:VALUE]]"
            + " [--siginfo-hex HEX48] [--syscall-origin N] [--fault ADDR:ERR:TRAPNO] [--selectors CS:SS]"
            + " [--xfeatures N --xsave-size N [--xcomponent BIT:OFFSET:SIZE]...] [--xsave yes|no] [--mxcsr-mask N]"
            + " [--sve-vl BYTES];"
            + " --restorer is required";

    static final String USAGE_DELIVER = "usage: deliver --arch x86_64|aarch64|riscv64 [--variant fixed|seed|linux]"
            + " --signal N --handler ADDR --sp ADDR [--mask N] [--reg NAME=VALUE]... [--sigreturn-nr N]"
            + " [--restorer ADDR]";
    static final String USAGE_RESTORE = "usage: restore --arch x86_64|aarch64|riscv64 [--variant fixed|seed|linux]"
            + " --frame-pointer ADDR --memory ADDR:HEX [--memory ADDR:HEX]...";
    static final String USAGE_DUMP = "usage: dump --arch x86_64|aarch64|riscv64 [--variant fixed|seed|linux]"
            + " --frame-pointer ADDR --memory ADDR:HEX [--memory ADDR:HEX]...";

    private Main() {}

    /**
     * Runs the command line and exits with its status.
     *
     * @param args {@code deliver|restore|dump} and options
     */
    public static void main(final String[] args) {
        final int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs the command line.
     *
     * @param args {@code deliver|restore|dump} and options
     * @param out  standard output
     * @param err  standard error
     * @return the exit status: 0 on success, 64 on a usage error, 65 on a refusal
     */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println("sigpage-arch-frames " + version() + ": exact signal frames for x86-64, AArch64 and"
                    + " RISC-V 64");
            printUsage(out);
            return OK;
        }
        if (args[0].equals("--version")) {
            out.println("sigpage-arch-frames " + version());
            return OK;
        }
        final String command = args[0];
        final String usage;
        switch (command) {
            case "deliver":
                usage = USAGE_DELIVER;
                break;
            case "restore":
                usage = USAGE_RESTORE;
                break;
            case "dump":
                usage = USAGE_DUMP;
                break;
            default:
                err.println("error: command must be deliver, restore or dump: command=" + command);
                printUsage(err);
                return USAGE;
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(usage);
                out.println(USAGE_LINUX);
                return OK;
            }
        }
        final String result;
        try {
            switch (command) {
                case "deliver":
                    result = deliver(args);
                    break;
                case "restore":
                    result = restore(args);
                    break;
                default:
                    result = dump(args);
                    break;
            }
        } catch (final FrameRefusedException e) {
            err.println("refused: " + e.getMessage());
            return REFUSED;
        } catch (final UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(usage);
            return USAGE;
        }
        out.println(result);
        return OK;
    }

    private static void printUsage(final PrintStream to) {
        to.println(USAGE_DELIVER);
        to.println(USAGE_RESTORE);
        to.println(USAGE_DUMP);
        to.println(USAGE_LINUX);
        to.println("numbers: decimal or 0x-hex; exit status: 0 ok, " + USAGE + " usage error, " + REFUSED
                + " refused frame or data; --help, --version");
    }

    /** The version Maven filtered into {@code version.properties} at build time. */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            final Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> withLinux(final Set<String> base) {
        final Set<String> all = new HashSet<>(base);
        all.addAll(LinuxOptions.SINGLE);
        return all;
    }

    private static String deliver(final String[] args) {
        final Options o = Options.parse(
                args,
                1,
                withLinux(Set.of("arch", "variant", "signal", "handler", "sp", "mask", "sigreturn-nr", "restorer")),
                Set.of("reg", "xcomponent"));
        final Arch arch = Arch.fromName(o.string("arch"));
        final Variant variant = Variant.fromName(o.string("variant", "fixed"));
        RegisterFile regs = RegisterFile.zero(arch);
        for (final String reg : o.all("reg")) {
            final int eq = reg.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("register must be given as NAME=VALUE: reg=" + reg);
            }
            final String name = reg.substring(0, eq);
            if (!arch.isRegister(name)) {
                throw new UsageException("register must be one of " + arch.cliName() + "'s: register=" + name);
            }
            regs = regs.with(name, Options.number(name, reg.substring(eq + 1)));
        }
        regs = regs.with(arch.stackPointerName(), o.number("sp"));
        final long signal = o.number("signal");
        if (signal < 0 || signal > Integer.MAX_VALUE) {
            throw new UsageException("signal must be in 1.." + variant.maxSignal() + ": signal=" + o.string("signal"));
        }
        final DeliveryRequest.Builder request = DeliveryRequest.builder(regs)
                .variant(variant)
                .signal((int) signal)
                .handler(o.number("handler"))
                .mask(o.has("mask") ? o.number("mask") : 0);
        if (o.has("sigreturn-nr")) {
            request.sigreturnNr(o.number("sigreturn-nr"));
        }
        if (o.has("restorer")) {
            request.restorer(o.number("restorer"));
        }
        if (variant == Variant.LINUX) {
            request.linux(LinuxOptions.context(o, true));
        } else {
            LinuxOptions.requireAbsent(o, variant);
        }
        final Delivery d = SignalFrames.deliver(request.build());
        final Json json = new Json()
                .begin()
                .field("arch", arch.cliName())
                .field("variant", variant.cliName())
                .field("signal", d.signal())
                .field("frameAddress", Json.hex(d.frameAddress()))
                .beginArray("writes");
        for (final MemoryWrite w : d.writes()) {
            json.begin()
                    .field("address", Json.hex(w.address()))
                    .field("hex", w.hex())
                    .end();
        }
        json.endArray()
                .beginObject("entry")
                .hexFields(d.entry())
                .end()
                .field("mask", Json.hex(d.handlerMask()))
                .end();
        return json.toString();
    }

    private static String restore(final String[] args) {
        final Frame f = frame(args);
        final RestoredContext restored = SignalFrames.restore(f.arch, f.variant, f.memory, f.framePointer, f.linux);
        return new Json()
                .begin()
                .beginObject("registers")
                .hexFields(restored.registers().toMap())
                .end()
                .field("mask", Json.hex(restored.mask()))
                .end()
                .toString();
    }

    private static String dump(final String[] args) {
        final Frame f = frame(args);
        return FrameDump.read(f.arch, f.variant, f.memory, f.framePointer, f.linux)
                .toString()
                .stripTrailing();
    }

    private static Frame frame(final String[] args) {
        final Options o = Options.parse(
                args, 1, withLinux(Set.of("arch", "variant", "frame-pointer")), Set.of("memory", "xcomponent"));
        final Arch arch = Arch.fromName(o.string("arch"));
        final Variant variant = Variant.fromName(o.string("variant", "fixed"));
        final long framePointer = o.number("frame-pointer");
        final List<String> runs = o.all("memory");
        if (runs.isEmpty()) {
            throw new UsageException("option is required: option=--memory");
        }
        final UserMemory memory = new UserMemory();
        for (final String run : runs) {
            final int colon = run.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("memory must be given as ADDR:HEX: memory=" + run);
            }
            final long address = Options.number("memory", run.substring(0, colon));
            final byte[] bytes = Options.hexBytes("memory", run.substring(colon + 1));
            if (bytes.length > 0 && Long.compareUnsigned(address, -(long) bytes.length) > 0) {
                throw new UsageException("memory must not wrap past the top of the address space: memory=" + run);
            }
            memory.write(address, bytes);
        }
        final LinuxSignalContext linux;
        if (variant == Variant.LINUX) {
            linux = LinuxOptions.context(o, false);
        } else {
            LinuxOptions.requireAbsent(o, variant);
            linux = LinuxSignalContext.defaults();
        }
        return new Frame(arch, variant, framePointer, memory, linux);
    }

    private static final class Frame {
        private final Arch arch;
        private final Variant variant;
        private final long framePointer;
        private final UserMemory memory;
        private final LinuxSignalContext linux;

        Frame(
                final Arch arch,
                final Variant variant,
                final long framePointer,
                final UserMemory memory,
                final LinuxSignalContext linux) {
            this.arch = arch;
            this.variant = variant;
            this.framePointer = framePointer;
            this.memory = memory;
            this.linux = linux;
        }
    }
}
