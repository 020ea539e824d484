package dev.sigpage.frames.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.frames.MiniJson;
import dev.sigpage.frames.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged jar, run with {@code java -jar} as a user (or the checker) runs it. Runs after package. */
class CliJarIT {
    private static List<String> java() {
        final String jar = System.getProperty("sigpage.frames.jar");
        assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "jar built: " + jar);
        return new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
    }

    @Test
    void deliverAndRestoreThroughTheJar() {
        final List<String> deliver = java();
        deliver.addAll(List.of(
                "deliver",
                "--arch",
                "riscv64",
                "--signal",
                "33",
                "--handler",
                "0x10000",
                "--sp",
                "0x3ffffff000",
                "--reg",
                "a2=0x77",
                "--reg",
                "pc=0x10400"));
        final Tools.Result d = Tools.run(deliver);
        assertEquals(0, d.exitCode(), d.stderr());
        final Map<String, Object> json = MiniJson.object(d.stdout());
        // Signal 33 is bit 32 in the fixed convention.
        assertEquals("0x100000000", json.get("mask"));

        final List<String> restore = java();
        restore.addAll(List.of("restore", "--arch", "riscv64", "--frame-pointer", (String) json.get("frameAddress")));
        for (final Object w : (List<?>) json.get("writes")) {
            restore.add("--memory");
            restore.add(((Map<?, ?>) w).get("address") + ":" + ((Map<?, ?>) w).get("hex"));
        }
        final Tools.Result r = Tools.run(restore);
        assertEquals(0, r.exitCode(), r.stderr());
        final Map<?, ?> registers = (Map<?, ?>) MiniJson.object(r.stdout()).get("registers");
        assertEquals("0x77", registers.get("a2"));
        assertEquals("0x10400", registers.get("pc"));
        assertEquals("0x3ffffff000", registers.get("sp"));
    }

    @Test
    void usageErrorExitsSixtyFourWithAUsageLine() {
        final List<String> cmd = java();
        cmd.addAll(List.of("deliver", "--arch", "x86_64", "--signal", "65", "--handler", "0", "--sp", "0x10000"));
        final Tools.Result r = Tools.run(cmd);
        assertEquals(64, r.exitCode());
        assertEquals("", r.stdout());
        assertTrue(r.stderr().contains("signal=65") && r.stderr().contains("usage: deliver"), r.stderr());
    }

    @Test
    void versionComesFromTheBuild() {
        final List<String> cmd = java();
        cmd.add("--version");
        final Tools.Result r = Tools.run(cmd);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(
                r.stdout().startsWith("sigpage-arch-frames ")
                        && !r.stdout().contains("unknown")
                        && !r.stdout().contains("${"),
                r.stdout());
    }
}
