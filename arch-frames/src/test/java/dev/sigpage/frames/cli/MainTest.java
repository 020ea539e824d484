package dev.sigpage.frames.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.frames.MiniJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line run in-process, against FRAMES.md's contract. */
class MainTest {
    record Outcome(int status, String out, String err) {}

    static Outcome run(final String... args) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> entry(final Map<String, Object> json) {
        return (Map<String, String>) json.get("entry");
    }

    @Test
    void deliverPrintsOneJsonObjectInTheContractsShape() {
        final Outcome o = run(
                "deliver",
                "--arch",
                "aarch64",
                "--variant",
                "seed",
                "--signal",
                "10",
                "--handler",
                "0x401000",
                "--sp",
                "0x7ffffffde000",
                "--mask",
                "514");
        assertEquals(0, o.status(), o.err());
        assertEquals("", o.err());
        assertEquals(1, o.out().strip().split("\n").length, "one line");
        final Map<String, Object> json = MiniJson.object(o.out());
        assertEquals(
                List.of("arch", "variant", "signal", "frameAddress", "writes", "entry", "mask"),
                new ArrayList<>(json.keySet()));
        assertEquals("aarch64", json.get("arch"));
        assertEquals("seed", json.get("variant"));
        assertEquals(10L, json.get("signal"));
        // f = (sp - 312) & ~15, trampoline at f + 296 (hand-computed, FRAMES.md).
        assertEquals("0x7ffffffddec0", json.get("frameAddress"));
        assertEquals(
                List.of("pc", "sp", "x0", "x1", "x30"),
                new ArrayList<>(entry(json).keySet()));
        assertEquals(
                Map.of(
                        "pc",
                        "0x401000",
                        "sp",
                        "0x7ffffffddec0",
                        "x0",
                        "0xa",
                        "x1",
                        "0x7ffffffddec0",
                        "x30",
                        "0x7ffffffddfe8"),
                entry(json));
        assertEquals("0x202", json.get("mask"));
        final List<?> writes = (List<?>) json.get("writes");
        assertEquals(1, writes.size());
        final Map<?, ?> w = (Map<?, ?>) writes.get(0);
        assertEquals("0x7ffffffddec0", w.get("address"));
        assertTrue(((String) w.get("hex")).endsWith("e0030091600f8052010000d4000020d4"));
    }

    @Test
    void seedX86_64WritesTwoRunsLowestFirst() {
        final Outcome o = run(
                "deliver",
                "--arch",
                "x86_64",
                "--variant",
                "seed",
                "--signal",
                "0xa",
                "--handler",
                "4198400",
                "--sp",
                "0x7FFFFFFDE000",
                "--reg",
                "rflags=0x10746");
        assertEquals(0, o.status(), o.err());
        final Map<String, Object> json = MiniJson.object(o.out());
        final List<?> writes = (List<?>) json.get("writes");
        assertEquals("0x7ffffffddf40", ((Map<?, ?>) writes.get(0)).get("address"));
        assertEquals("0x7ffffffddff0", ((Map<?, ?>) writes.get(1)).get("address"));
        assertEquals("488d3c2448c7c07b0000000f050f0b", ((Map<?, ?>) writes.get(1)).get("hex"));
        assertEquals(
                List.of("rip", "rsp", "rdi", "rflags"),
                new ArrayList<>(entry(json).keySet()));
        assertEquals("0x10346", entry(json).get("rflags"));
    }

    static Stream<Arguments> archs() {
        return Stream.of(
                Arguments.of("x86_64", List.of("rax=1", "r15=0xf", "rip=0x401234", "rflags=0x246", "rsp=0x999")),
                Arguments.of("aarch64", List.of("x0=1", "x30=0x1e", "pc=0x401234", "pstate=0x60000000")),
                Arguments.of(
                        "riscv64", List.of("ra=1", "x10=0xa", "t6=31", "pc=0x401234", "sstatus=0x8000000200006020")));
    }

    @ParameterizedTest
    @MethodSource("archs")
    void deliverThenRestoreGivesBackEveryRegisterAndTheMask(final String arch, final List<String> regs) {
        final List<String> args = new ArrayList<>(List.of(
                "deliver",
                "--arch",
                arch,
                "--signal",
                "12",
                "--handler",
                "0x400000",
                "--sp",
                "0x7ffe0040",
                "--mask",
                "0x8000000000000001"));
        for (final String r : regs) {
            args.add("--reg");
            args.add(r);
        }
        final Outcome d = run(args.toArray(new String[0]));
        assertEquals(0, d.status(), d.err());
        final Map<String, Object> delivered = MiniJson.object(d.out());
        final List<String> restore = new ArrayList<>(
                List.of("restore", "--arch", arch, "--frame-pointer", (String) delivered.get("frameAddress")));
        for (final Object w : (List<?>) delivered.get("writes")) {
            restore.add("--memory");
            restore.add(((Map<?, ?>) w).get("address") + ":" + ((Map<?, ?>) w).get("hex"));
        }
        final Outcome r = run(restore.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        final Map<String, Object> json = MiniJson.object(r.out());
        assertEquals(List.of("registers", "mask"), new ArrayList<>(json.keySet()));
        @SuppressWarnings("unchecked")
        final Map<String, String> registers = (Map<String, String>) json.get("registers");
        assertEquals("0x8000000000000001", json.get("mask"));
        for (final String reg : regs) {
            final String name = reg.substring(0, reg.indexOf('=')).replace("x10", "a0");
            final String value = reg.substring(reg.indexOf('=') + 1);
            final String expected = name.equals("rsp")
                    ? "0x7ffe0040"
                    : "0x"
                            + Long.toHexString(
                                    value.startsWith("0x")
                                            ? Long.parseUnsignedLong(value.substring(2), 16)
                                            : Long.parseLong(value));
            assertEquals(expected, registers.get(name), name);
        }
        final int count = arch.equals("x86_64") ? 18 : arch.equals("aarch64") ? 34 : 33;
        assertEquals(count, registers.size());
        assertEquals("0x7ffe0040", registers.get(arch.equals("x86_64") ? "rsp" : "sp"), "--sp wins over --reg");
    }

    @Test
    void restoreRefusalIsOneLineOnStderrWithNothingOnStdout() {
        // An AArch64 frame at 0x1000 with pstate = 0x5 (EL1h): pstate is at offset 288.
        final String frame = "00".repeat(288) + "0500000000000000";
        final Outcome o =
                run("restore", "--arch", "aarch64", "--frame-pointer", "0x1000", "--memory", "0x1000:" + frame);
        assertEquals(Main.REFUSED, o.status());
        assertEquals(65, Main.REFUSED, "EX_DATAERR");
        assertEquals("", o.out());
        assertEquals(1, o.err().strip().split("\n").length, o.err());
        assertTrue(o.err().contains("pstate=0x5"), o.err());
    }

    @Test
    void restoreOfTruncatedMemoryNamesTheMissingAddress() {
        final Outcome o = run(
                "restore", "--arch", "riscv64", "--frame-pointer", "0x1000", "--memory", "0x1000:" + "00".repeat(287));
        assertEquals(Main.REFUSED, o.status());
        assertEquals("", o.out());
        assertTrue(o.err().contains("address=0x111f"), o.err());
    }

    static Stream<Arguments> usageErrors() {
        final String[] x86 = {"deliver", "--arch", "x86_64", "--handler", "0x1000", "--sp", "0x7ffe0000"};
        return Stream.of(
                Arguments.of(with(x86, "--signal", "0"), "signal=0"),
                Arguments.of(with(x86, "--signal", "65"), "signal=65"),
                Arguments.of(with(x86, "--signal", "9"), "signal=9"),
                Arguments.of(with(x86, "--signal", "19"), "signal=19"),
                Arguments.of(with(x86, "--signal", "99999999999"), "signal=99999999999"),
                Arguments.of(with(x86, "--variant", "seed", "--signal", "32"), "signal=32"),
                Arguments.of(
                        with(x86, "--variant", "seed", "--signal", "1", "--sigreturn-nr", "123"), "sigreturnNr=123"),
                Arguments.of(
                        with(x86, "--variant", "seed", "--signal", "1", "--restorer", "0x1000"), "restorer=0x1000"),
                Arguments.of(with(x86, "--signal", "1", "--sigreturn-nr", "2147483648"), "sigreturnNr=2147483648"),
                Arguments.of(
                        new String[] {
                            "deliver",
                            "--arch",
                            "aarch64",
                            "--signal",
                            "1",
                            "--handler",
                            "0",
                            "--sp",
                            "0x7ffe0000",
                            "--sigreturn-nr",
                            "65536"
                        },
                        "sigreturnNr=65536"),
                Arguments.of(
                        new String[] {
                            "deliver",
                            "--arch",
                            "riscv64",
                            "--signal",
                            "1",
                            "--handler",
                            "0",
                            "--sp",
                            "0x7ffe0000",
                            "--sigreturn-nr",
                            "2048"
                        },
                        "sigreturnNr=2048"),
                Arguments.of(with(x86, "--signal", "1", "--reg", "eax=1"), "register=eax"),
                Arguments.of(
                        new String[] {
                            "deliver",
                            "--arch",
                            "aarch64",
                            "--signal",
                            "1",
                            "--handler",
                            "0",
                            "--sp",
                            "0x7ffe0000",
                            "--reg",
                            "x31=1"
                        },
                        "register=x31"),
                Arguments.of(
                        new String[] {
                            "deliver",
                            "--arch",
                            "riscv64",
                            "--signal",
                            "1",
                            "--handler",
                            "0",
                            "--sp",
                            "0x7ffe0000",
                            "--reg",
                            "x0=1"
                        },
                        "register=x0"),
                Arguments.of(with(x86, "--signal", "1", "--reg", "rax"), "reg=rax"),
                Arguments.of(with(x86, "--signal", "1", "--reg", "rax=0x"), "rax=0x"),
                Arguments.of(with(x86, "--signal", "1x"), "signal=1x"),
                Arguments.of(with(x86, "--signal", "1", "--mask", "0x1g"), "mask=0x1g"),
                Arguments.of(with(x86, "--signal", "1", "--mask", "-1"), "mask=-1"),
                Arguments.of(with(x86, "--signal", "1", "--mask", "18446744073709551616"), "mask=18446744073709551616"),
                Arguments.of(with(x86, "--signal", "1", "--mask", "0x10000000000000000"), "mask=0x10000000000000000"),
                Arguments.of(
                        new String[] {"deliver", "--arch", "x86_64", "--signal", "1", "--handler", "0"}, "option=--sp"),
                Arguments.of(with(x86, "--signal", "1", "--bogus", "1"), "option=--bogus"),
                Arguments.of(with(x86, "--signal", "1", "--signal", "2"), "option=--signal"),
                Arguments.of(new String[] {"deliver", "--arch", "mips", "--signal", "1"}, "arch=mips"),
                Arguments.of(with(x86, "--signal", "1", "--variant", "broken"), "variant=broken"),
                Arguments.of(
                        new String[] {"restore", "--arch", "x86_64", "--frame-pointer", "0x1000"}, "option=--memory"),
                Arguments.of(
                        new String[] {
                            "restore", "--arch", "x86_64", "--frame-pointer", "0x1000", "--memory", "0x1000:abc"
                        },
                        "memory=abc"),
                Arguments.of(
                        new String[] {"restore", "--arch", "x86_64", "--frame-pointer", "0x1000", "--memory", "0x1000"},
                        "memory=0x1000"),
                Arguments.of(
                        new String[] {"restore", "--arch", "x86_64", "--frame-pointer", "zz", "--memory", "0x1000:00"},
                        "frame-pointer=zz"),
                Arguments.of(new String[] {"frobnicate"}, "command=frobnicate"),
                Arguments.of(with(x86, "--signal", "1", "--sa-flags", "4"), "variant=fixed"),
                Arguments.of(with(x86, "--signal", "1", "--variant", "linux"), "restorer=none"),
                Arguments.of(
                        with(x86, "--signal", "1", "--variant", "linux", "--restorer", "1", "--sigreturn-nr", "15"),
                        "sigreturnNr=15"),
                Arguments.of(
                        with(x86, "--signal", "1", "--variant", "linux", "--restorer", "1", "--altstack", "1"),
                        "altstack=1"),
                Arguments.of(
                        with(
                                x86,
                                "--signal",
                                "1",
                                "--variant",
                                "linux",
                                "--restorer",
                                "1",
                                "--altstack",
                                "0x1000:0x1000:4"),
                        "flags=0x4"),
                Arguments.of(
                        with(
                                x86,
                                "--signal",
                                "1",
                                "--variant",
                                "linux",
                                "--restorer",
                                "1",
                                "--xfeatures",
                                "0x400007",
                                "--xsave-size",
                                "832",
                                "--xcomponent",
                                "2:576:256"),
                        "xfeatures=0x400007"),
                Arguments.of(
                        with(
                                x86,
                                "--signal",
                                "1",
                                "--variant",
                                "linux",
                                "--restorer",
                                "1",
                                "--xfeatures",
                                "0x7",
                                "--xsave-size",
                                "900",
                                "--xcomponent",
                                "2:576:256"),
                        "userSize=900"),
                Arguments.of(
                        with(x86, "--signal", "1", "--variant", "linux", "--restorer", "1", "--siginfo-hex", "00"),
                        "siginfo-hex=00"),
                Arguments.of(
                        new String[] {
                            "restore",
                            "--arch",
                            "x86_64",
                            "--variant",
                            "linux",
                            "--frame-pointer",
                            "0x1000",
                            "--memory",
                            "0x1000:00",
                            "--sa-flags",
                            "4"
                        },
                        "option=--sa-flags"));
    }

    private static String[] with(final String[] base, final String... more) {
        final List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void badInputIsAUsageErrorNamingTheValue(final String[] args, final String named) {
        final Outcome o = run(args);
        assertEquals(Main.USAGE, o.status());
        assertEquals(64, Main.USAGE, "EX_USAGE");
        assertEquals("", o.out());
        final String[] lines = o.err().split("\n");
        assertTrue(lines[0].endsWith(named), o.err());
        assertTrue(lines[1].startsWith("usage: "), o.err());
    }

    @Test
    void restorerAcceptsAnySigreturnNumberAndWritesOnlyTheFrame() {
        final Outcome o = run(
                "deliver",
                "--arch",
                "aarch64",
                "--signal",
                "1",
                "--handler",
                "0x1000",
                "--sp",
                "0x7ffe0000",
                "--sigreturn-nr",
                "70000",
                "--restorer",
                "0x400500");
        assertEquals(0, o.status(), o.err());
        final Map<String, Object> json = MiniJson.object(o.out());
        assertEquals("0x400500", entry(json).get("x30"));
        assertEquals(296 * 2, ((String) ((Map<?, ?>) ((List<?>) json.get("writes")).get(0)).get("hex")).length());
    }

    @Test
    void dumpAnnotatesEveryFieldAndMarksWhatRestoreWouldRefuse() {
        final String frame = "00".repeat(152) + "0010400000000000" + "0232000000000000";
        final Outcome o = run("dump", "--arch", "x86_64", "--frame-pointer", "0x2000", "--memory", "0x2000:" + frame);
        assertEquals(0, o.status(), o.err());
        final String[] lines = o.out().split("\n");
        assertEquals(1 + 21, lines.length, o.out());
        assertTrue(lines[1].startsWith("+0x000  0000000000002000  return_address"), lines[1]);
        assertTrue(lines[20].startsWith("+0x098  0000000000002098  rip             0x0000000000401000"), lines[20]);
        assertTrue(lines[21].contains("rflags") && lines[21].contains("REFUSED: rflags must not set IOPL"), lines[21]);
    }

    static Stream<Arguments> helpRequests() {
        return Stream.of(
                Arguments.of((Object) new String[] {}),
                Arguments.of((Object) new String[] {"--help"}),
                Arguments.of((Object) new String[] {"-h"}));
    }

    @ParameterizedTest
    @MethodSource("helpRequests")
    void helpAndNoArgumentsPrintUsageOnStandardOutputWithStatusZero(final String[] args) {
        final Outcome o = run(args);
        assertEquals(0, o.status());
        assertEquals("", o.err());
        assertTrue(
                o.out().contains("usage: deliver")
                        && o.out().contains("usage: restore")
                        && o.out().contains("usage: dump")
                        && o.out().contains("--variant fixed|seed|linux"),
                o.out());
        assertTrue(o.out().contains("64 usage error, 65 refused"), o.out());
    }

    @Test
    void commandHelpPrintsThatCommandsUsage() {
        final Outcome o = run("restore", "--help");
        assertEquals(0, o.status());
        assertTrue(o.out().startsWith("usage: restore"), o.out());
    }

    @Test
    void versionIsTheProjectVersionFilteredAtBuildTime() {
        final Outcome o = run("--version");
        assertEquals(0, o.status());
        assertTrue(o.out().matches("sigpage-arch-frames \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), o.out());
    }

    @Test
    void aLinuxDeliveryThatCannotBeBuiltIsRefusedWithItsOwnStatus() {
        // An alternate stack of 2048 bytes cannot hold the x86-64 frame with FRAMES.md's AVX-512 machine's XSAVE
        // area (2432 + 4 bytes, then 456 below it).
        final Outcome o = run(
                "deliver",
                "--arch",
                "x86_64",
                "--variant",
                "linux",
                "--signal",
                "10",
                "--handler",
                "0x401000",
                "--sp",
                "0x7ffe0000",
                "--restorer",
                "0x401100",
                "--sa-flags",
                "0x08000004",
                "--altstack",
                "0x10000000:2048",
                "--xfeatures",
                "0xe7",
                "--xsave-size",
                "2432",
                "--xcomponent",
                "2:576:256",
                "--xcomponent",
                "5:832:64",
                "--xcomponent",
                "6:896:512",
                "--xcomponent",
                "7:1408:1024");
        assertEquals(Main.REFUSED, o.status(), o.err());
        assertEquals("", o.out());
        assertTrue(o.err().startsWith("refused: ") && o.err().contains("ss_size=0x800"), o.err());
    }

    @Test
    void linuxDeliverAndRestoreRoundTripOnTheCommandLine() {
        final Outcome d = run(
                "deliver",
                "--arch",
                "aarch64",
                "--variant",
                "linux",
                "--signal",
                "10",
                "--handler",
                "0x401000",
                "--sp",
                "0x7ffe0000",
                "--restorer",
                "0x400800",
                "--sa-flags",
                "4",
                "--reg",
                "x3=0x33",
                "--reg",
                "pc=0x401234",
                "--mask",
                "0x2");
        assertEquals(0, d.status(), d.err());
        final Map<String, Object> json = MiniJson.object(d.out());
        // F = round_down(sp - 16, 16) - 4688 = 0x7ffdfff0 - 0x1250 (FRAMES.md).
        assertEquals("0x7ffdeda0", json.get("frameAddress"));
        assertEquals("linux", json.get("variant"));
        final List<String> restore = new ArrayList<>(
                List.of("restore", "--arch", "aarch64", "--variant", "linux", "--frame-pointer", "0x7ffdeda0"));
        // The kernel never writes the padding and __unused: give them as the stack held them, then the writes.
        restore.add("--memory");
        restore.add("0x7ffdeda0:" + "00".repeat(4704));
        for (final Object w : (List<?>) json.get("writes")) {
            final Map<?, ?> m = (Map<?, ?>) w;
            restore.add("--memory");
            restore.add(m.get("address") + ":" + m.get("hex"));
        }
        final Outcome r = run(restore.toArray(new String[0]));
        assertEquals(0, r.status(), r.err());
        final Map<?, ?> regs = (Map<?, ?>) MiniJson.object(r.out()).get("registers");
        assertEquals("0x33", regs.get("x3"));
        assertEquals("0x401234", regs.get("pc"));
        assertEquals("0x7ffe0000", regs.get("sp"));
    }
}
