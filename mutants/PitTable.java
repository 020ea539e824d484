import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Turns PIT's {@code mutations.xml} reports, one per class group, into the Markdown table of docs/PROOFS.md
 * section 4: a row per group, a row for the groups of one module added up, and a row per class that kept a
 * mutant alive (survived or not covered). Run by {@code mutants/pit.sh}; prints to standard output.
 *
 * <pre>
 * java mutants/PitTable.java [--summary] GROUP=MODULE=REPORT_DIR...
 * </pre>
 *
 * With {@code --summary}, only one sentence: each module's groups added up (the README quotes it).
 *
 * Each report directory holds PIT's {@code mutations.xml} and, when {@code mutants/pit.sh} ran the group,
 * {@code sigpage-run.properties} (the commit, the wall time, the JDK). Exit status 2 for a usage error or a
 * report that cannot be read, naming it.
 */
public final class PitTable {

    /** The counts of one group, one module or one class. */
    private static final class Counts {
        int mutants;
        int killed;
        int timedOut;
        int survived;
        int noCoverage;
        int other;

        void add(String status) {
            mutants++;
            switch (status) {
                case "KILLED" -> killed++;
                case "TIMED_OUT" -> {
                    killed++;
                    timedOut++;
                }
                case "MEMORY_ERROR", "RUN_ERROR" -> {
                    killed++;
                    other++;
                }
                case "SURVIVED" -> survived++;
                case "NO_COVERAGE" -> noCoverage++;
                default -> throw new IllegalArgumentException("unknown PIT status: status=" + status);
            }
        }

        void add(Counts c) {
            mutants += c.mutants;
            killed += c.killed;
            timedOut += c.timedOut;
            survived += c.survived;
            noCoverage += c.noCoverage;
            other += c.other;
        }

        String cells() {
            return mutants + " | " + killed + " | " + timedOut + " | " + survived + " | " + noCoverage + " | "
                    + percent(killed, mutants) + " | " + percent(killed, killed + survived);
        }
    }

    private record Group(String name, String module, Counts counts, Map<String, Counts> classes, Properties run) {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: java mutants/PitTable.java GROUP=MODULE=REPORT_DIR...");
            System.exit(2);
        }
        List<Group> groups = new ArrayList<>();
        boolean summary = false;
        for (String arg : args) {
            if (arg.equals("--summary")) {
                summary = true;
                continue;
            }
            String[] parts = arg.split("=", 3);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                System.err.println("not GROUP=MODULE=REPORT_DIR: argument=" + arg);
                System.exit(2);
            }
            groups.add(read(parts[0], parts[1], Path.of(parts[2])));
        }
        if (groups.isEmpty()) {
            System.err.println("no group named: arguments=" + String.join(" ", args));
            System.exit(2);
        }
        System.out.print(summary ? summary(groups) : table(groups));
    }

    private static Group read(String name, String module, Path dir) throws Exception {
        Path xml = dir.resolve("mutations.xml");
        if (!Files.isRegularFile(xml)) {
            System.err.println("no PIT report for group " + name + ": file=" + xml);
            System.exit(2);
        }
        Element root;
        try {
            DocumentBuilder parser = DocumentBuilderFactory.newInstance().newDocumentBuilder();
            parser.setErrorHandler(null);
            root = parser.parse(xml.toFile()).getDocumentElement();
        } catch (SAXException e) {
            System.err.println("PIT report of group " + name + " is not whole XML (a run stopped before its end?): file="
                    + xml + ": " + e.getMessage());
            System.exit(2);
            return null;
        }
        Counts counts = new Counts();
        Map<String, Counts> classes = new TreeMap<>();
        NodeList mutations = root.getElementsByTagName("mutation");
        for (int i = 0; i < mutations.getLength(); i++) {
            Element m = (Element) mutations.item(i);
            String status = m.getAttribute("status");
            String mutatedClass = m.getElementsByTagName("mutatedClass").item(0).getTextContent();
            String outer = mutatedClass.contains("$") ? mutatedClass.substring(0, mutatedClass.indexOf('$'))
                    : mutatedClass;
            counts.add(status);
            classes.computeIfAbsent(outer, k -> new Counts()).add(status);
        }
        Properties run = new Properties();
        Path props = dir.resolve("sigpage-run.properties");
        if (Files.isRegularFile(props)) {
            try (var in = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
                run.load(in);
            }
        }
        return new Group(name, module, counts, classes, run);
    }

    private static Map<String, Counts> modules(List<Group> groups) {
        Map<String, Counts> modules = new LinkedHashMap<>();
        for (Group g : groups) {
            modules.computeIfAbsent(g.module(), k -> new Counts()).add(g.counts());
        }
        return modules;
    }

    private static String summary(List<Group> groups) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Counts> m : modules(groups).entrySet()) {
            Counts c = m.getValue();
            List<String> names = new ArrayList<>();
            for (Group g : groups) {
                if (g.module().equals(m.getKey())) {
                    names.add(g.name());
                }
            }
            String label = names.size() > 1 ? " (groups " + String.join(", ", names) + " added up)" : "";
            parts.add("**" + m.getKey() + "**" + label + ": " + c.killed + " of " + c.mutants + " mutants killed (mutation score "
                    + percent(c.killed, c.mutants) + ", test strength " + percent(c.killed, c.killed + c.survived)
                    + ")");
        }
        return "PIT, the published runs: " + String.join("; ", parts) + ".\n";
    }

    private static String table(List<Group> groups) {
        StringBuilder out = new StringBuilder();
        out.append("| group | module | mutants | killed | of which by time-out | survived | no coverage |"
                + " mutation score | test strength | commit | wall time |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|---|--:|\n");
        Map<String, List<Group>> byModule = new LinkedHashMap<>();
        for (Group g : groups) {
            byModule.computeIfAbsent(g.module(), k -> new ArrayList<>()).add(g);
        }
        for (Map.Entry<String, List<Group>> module : byModule.entrySet()) {
            Counts whole = new Counts();
            for (Group g : module.getValue()) {
                whole.add(g.counts());
                out.append("| ").append(g.name()).append(" | ")
                        .append(module.getKey()).append(" | ").append(g.counts().cells()).append(" | ")
                        .append(g.run().getProperty("commit", "-")).append(" | ")
                        .append(minutes(g.run().getProperty("seconds"))).append(" |\n");
            }
            if (module.getValue().size() > 1) {
                out.append("| **all groups** | **")
                        .append(module.getKey()).append("** | ").append(bold(whole.cells())).append(" | | |\n");
            }
        }
        Set<String> setups = new LinkedHashSet<>();
        for (Group g : groups) {
            if (g.run().containsKey("jdk")) {
                setups.add(g.run().getProperty("jdk") + ", " + g.run().getProperty("processors", "?")
                        + " processors, " + g.run().getProperty("threads", "?") + " PIT minion(s)");
            }
        }
        if (!setups.isEmpty()) {
            out.append("\nRuns: ").append(String.join("; ", setups)).append(".\n");
        }
        out.append("\nClasses that kept a mutant alive (survived or not covered), most first:\n\n");
        out.append("| class | group | mutants | killed | of which by time-out | survived | no coverage |"
                + " mutation score | test strength |\n");
        out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        List<String[]> rows = new ArrayList<>();
        for (Group g : groups) {
            for (Map.Entry<String, Counts> c : g.classes().entrySet()) {
                Counts k = c.getValue();
                if (k.survived + k.noCoverage > 0) {
                    rows.add(new String[] {String.format("%06d", 999999 - k.survived - k.noCoverage), c.getKey(),
                            g.name(), k.cells()});
                }
            }
        }
        rows.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        for (String[] r : rows) {
            out.append("| `").append(r[1]).append("` | ").append(r[2]).append(" | ").append(r[3]).append(" |\n");
        }
        return out.toString();
    }

    private static String bold(String cells) {
        StringBuilder b = new StringBuilder();
        for (String cell : cells.split(" \\| ")) {
            if (b.length() > 0) {
                b.append(" | ");
            }
            b.append("**").append(cell).append("**");
        }
        return b.toString();
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "-" : (part * 100 / whole) + "%";
    }

    private static String minutes(String seconds) {
        if (seconds == null) {
            return "-";
        }
        long s = Long.parseLong(seconds.trim());
        return (s / 60) + " min " + (s % 60) + " s";
    }

    private PitTable() {}
}
