package dev.sigpage.impl.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A demo's standard output, captured while its {@code main} runs, split into its {@code ==} sections. */
final class DemoOutput {
    /** What a demo's {@code main} is. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    private final String text;

    private DemoOutput(final String text) {
        this.text = text;
    }

    /**
     * Runs a demo with {@code System.out} redirected to a buffer, restored however the demo ends.
     *
     * @param main the demo's {@code main}
     * @return what it printed
     * @throws Exception what the demo threw
     */
    static DemoOutput capture(final Main main) throws Exception {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream saved = System.out;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            main.run(new String[0]);
        } finally {
            System.setOut(saved);
        }
        return new DemoOutput(bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    /**
     * The lines of one section: from its header line (which starts with {@code header}) to the next {@code ==}
     * line.
     *
     * @param header the start of the section's header line
     * @return the section's lines after the header
     */
    List<String> section(final String header) {
        final String[] lines = text.split("\n");
        int start = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(header)) {
                assertTrue(start < 0, () -> "section printed twice: header=" + header + "\n" + text);
                start = i;
            }
        }
        assertTrue(start >= 0, () -> "section missing: header=" + header + "\n" + text);
        final List<String> body = new ArrayList<>();
        for (int i = start + 1; i < lines.length && !lines[i].startsWith("=="); i++) {
            body.add(lines[i]);
        }
        return body;
    }

    /** @return the headers ({@code ==} lines) in the order printed */
    List<String> headers() {
        final List<String> headers = new ArrayList<>();
        for (final String line : text.split("\n")) {
            if (line.startsWith("==")) {
                headers.add(line);
            }
        }
        return headers;
    }

    /**
     * The names inside a printed signal set.
     *
     * @param printed {@code {SIGA,SIGB}}
     * @return the names
     */
    static Set<String> names(final String printed) {
        final String inner = printed.substring(1, printed.length() - 1);
        return inner.isEmpty() ? Set.of() : new TreeSet<>(List.of(inner.split(",")));
    }

    @Override
    public String toString() {
        return text;
    }
}
