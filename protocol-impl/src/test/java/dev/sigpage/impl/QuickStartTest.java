package dev.sigpage.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sigpage.api.MaskHow;
import dev.sigpage.api.MutableSigInfo;
import dev.sigpage.api.SaFlags;
import dev.sigpage.api.SigAction;
import dev.sigpage.api.SigInfo;
import dev.sigpage.api.SignalSet;
import dev.sigpage.api.Signals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's quick-start, compiled and run; and a check that the README shows exactly this code.
 */
class QuickStartTest {
    private static final String BEGIN = "// quick-start:begin";
    private static final String END = "// quick-start:end";

    @Test
    void quickStartRuns() {
        // quick-start:begin
        Kernel kernel = new Kernel();
        ModelProcess shell = kernel.spawn(1000, 1000); // real uid, saved uid
        ModelProcess app = kernel.spawn(1000, 1000);
        ModelThread main = app.mainThread();
        ModelThread worker = app.createThread(main); // inherits main's mask, nothing pending

        app.sigaction(
                Signals.SIGUSR1,
                SigAction.handler(0x401000L, SignalSet.of(Signals.SIGUSR2), SaFlags.SA_RESTART | SaFlags.SA_SIGINFO));
        SignalSet old = main.sigprocmask(MaskHow.BLOCK, SignalSet.of(Signals.SIGINT)); // one getAndAdd

        ModelThread sender = shell.mainThread();
        kernel.kill(sender, app.pid(), Signals.SIGINT); // to the process
        kernel.tgkill(sender, app.pid(), main.tid(), Signals.SIGUSR1); // to one thread
        kernel.sigqueue(sender, app.pid(), Signals.SIGRTMIN, 42); // queued, with a value

        SignalSet blocked = main.sigpending(); // {SIGINT}: pending and blocked in main
        MutableSigInfo info = new MutableSigInfo(); // reusable: claims allocate nothing
        int first = main.claim(info); // SIGUSR1 from pid 1, uid 1000
        int second = worker.claim(info); // SIGINT: worker does not block it
        int third = worker.claim(info); // SIGRTMIN with value 42
        System.out.println(PagePrinter.thread(main));
        // quick-start:end

        assertEquals(SignalSet.empty(), old);
        assertEquals(SignalSet.of(Signals.SIGINT), blocked);
        assertEquals(Signals.SIGUSR1, first);
        assertEquals(Signals.SIGINT, second);
        assertEquals(Signals.SIGRTMIN, third);
        assertEquals(new SigInfo(Signals.SIGRTMIN, SigInfo.SI_QUEUE, shell.pid(), 1000, 42), info.toSigInfo());
        assertFalse(main.deliveryDue());
        assertTrue(app.pendingSet().isEmpty());
    }

    @Test
    void readmeShowsTheQuickStartOfThisTest() throws IOException {
        final List<String> code = between(Files.readAllLines(
                Path.of("src/test/java/dev/sigpage/impl/QuickStartTest.java"), StandardCharsets.UTF_8));
        final Path root = Path.of("..", "README.md");
        Path readme = Path.of("README.md");
        if (Files.exists(root) && Files.readString(root, StandardCharsets.UTF_8).contains(BEGIN)) {
            readme = root;
        }
        final List<String> shown = between(Files.readAllLines(readme, StandardCharsets.UTF_8));
        assertTrue(code.size() > 10, "the test's quick-start was found");
        assertEquals(code, shown, readme + " must show the quick-start of QuickStartTest");
    }

    @Test
    void readmeShowsTheImportsTheQuickStartNeeds() throws IOException {
        final List<String> source = Files.readAllLines(
                Path.of("src/test/java/dev/sigpage/impl/QuickStartTest.java"), StandardCharsets.UTF_8);
        final String code = String.join("\n", between(source));
        // expected: this test's sigpage imports whose type the quick-start names, and the library types of this
        // test's own package (no import here) that it names
        final Set<String> expected = new TreeSet<>();
        for (final String line : source) {
            if (line.startsWith("import dev.sigpage.")
                    && names(code, line.substring(line.lastIndexOf('.') + 1, line.length() - 1))) {
                expected.add(line);
            }
        }
        final Matcher type = Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\b").matcher(code);
        while (type.find()) {
            if (Files.exists(Path.of("src/main/java/dev/sigpage/impl", type.group() + ".java"))) {
                expected.add("import dev.sigpage.impl." + type.group() + ";");
            }
        }
        final List<String> readme = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        final Set<String> shown = new TreeSet<>();
        for (int i = readme.indexOf(BEGIN) - 1; i >= 0 && !readme.get(i).startsWith("```"); i--) {
            if (readme.get(i).startsWith("import ")) {
                shown.add(readme.get(i));
            }
        }
        assertTrue(expected.size() > 5, "the quick-start's types were found: " + expected);
        assertEquals(expected, shown, "README.md's quick-start must show exactly the imports it needs");
    }

    private static boolean names(final String code, final String simpleName) {
        return Pattern.compile("\\b" + simpleName + "\\b").matcher(code).find();
    }

    /** The lines between the markers, with the common indentation removed and trailing blanks trimmed. */
    static List<String> between(final List<String> lines) {
        final List<String> out = new ArrayList<>();
        boolean inside = false;
        for (final String line : lines) {
            if (line.trim().equals(BEGIN)) {
                inside = true;
            } else if (line.trim().equals(END)) {
                break;
            } else if (inside) {
                out.add(line.stripTrailing());
            }
        }
        int indent = Integer.MAX_VALUE;
        for (final String line : out) {
            if (!line.isEmpty()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        final List<String> result = new ArrayList<>();
        for (final String line : out) {
            result.add(line.isEmpty() ? line : line.substring(indent));
        }
        return result;
    }
}
