package dev.sigpage.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole catalogue against one or several profiles, prints the Markdown report and writes it to a file.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp ... dev.sigpage.conformance.Conformance \
 *      [--profile posix,redox] [--out conformance.md]
 * </pre>
 *
 * <p>Exit status 0 when every covered case passed or failed in its documented way, 1 when a case failed
 * otherwise, 2 for bad arguments.
 */
public final class Conformance {
    private Conformance() {}

    /**
     * The command.
     *
     * @param args {@code --profile NAME[,NAME...]} (default {@code posix,redox}), {@code --out FILE}
     * @throws IOException if the report cannot be written
     */
    public static void main(final String[] args) throws IOException {
        String profileNames = Profiles.POSIX.name() + "," + Profiles.REDOX.name();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--profile") && i + 1 < args.length) {
                profileNames = args[++i];
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else {
                System.err.println("usage: Conformance [--profile "
                        + Profiles.all().stream().map(ConformanceProfile::name).toList() + "] [--out FILE]: argument="
                        + args[i]);
                System.exit(2);
                return;
            }
        }
        final List<ConformanceProfile> profiles = new ArrayList<>();
        try {
            for (final String name : profileNames.split(",")) {
                profiles.add(Profiles.byName(name.trim()));
            }
        } catch (final IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        final Map<ConformanceProfile, List<Result>> runs = new LinkedHashMap<>();
        for (final ConformanceProfile profile : profiles) {
            runs.put(profile, new Runner(profile).runAll(Catalogue.all()));
        }
        final String text = MarkdownReport.markdown(runs);
        System.out.print(text);
        if (out != null) {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
        final boolean failed =
                runs.values().stream().flatMap(List::stream).anyMatch(r -> r.outcome() == Outcome.FAILED);
        System.exit(failed ? 1 : 0);
    }
}
