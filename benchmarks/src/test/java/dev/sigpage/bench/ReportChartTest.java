package dev.sigpage.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart shows the verdicts: MET in green and MISSED in red, on synthetic figures with one of each. */
class ReportChartTest {

    private static Measurement avgt(final String key, final double score) {
        return new Measurement(key, "avgt", score, score / 20, "ns/op", Double.NaN, Double.NaN, score);
    }

    @Test
    void metAndMissedAreBothDrawn(@TempDir final Path dir) throws Exception {
        // send + claim / floor = 10 / 5 = 2 <= 2.5: MET; model / floor = 6 / 5 = 1.2 > 1.1: MISSED
        final ReportTable table = new ReportTable(
                List.of(
                        avgt("SigprocmaskBench.floorXadd", 5),
                        avgt("SigprocmaskBench.model", 6),
                        avgt("ClaimBench.thread", 10),
                        avgt("SigprocmaskBench.syscall", 300)),
                List.of());
        final Path png = dir.resolve("chart.png");
        ReportChart.write(table, "test", png);
        final BufferedImage image = ImageIO.read(Files.newInputStream(png));
        assertTrue(count(image, new Color(0x1E7B34)) > 20, "green MET text");
        assertTrue(count(image, new Color(0xC0392B)) > 20, "red MISSED text");
    }

    @Test
    void withEveryTargetMetThereIsNoRed(@TempDir final Path dir) throws Exception {
        final ReportTable table = new ReportTable(
                List.of(avgt("SigprocmaskBench.floorXadd", 5), avgt("SigprocmaskBench.model", 5.2)), List.of());
        final Path png = dir.resolve("chart.png");
        ReportChart.write(table, "test", png);
        final BufferedImage image = ImageIO.read(Files.newInputStream(png));
        assertTrue(count(image, new Color(0x1E7B34)) > 20, "green MET text");
        assertTrue(count(image, new Color(0xC0392B)) == 0, "no red without a MISSED target");
    }

    /** Pixels within a small distance of a colour (text is antialiased). */
    private static int count(final BufferedImage image, final Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                final Color c = new Color(image.getRGB(x, y));
                final int d = Math.abs(c.getRed() - color.getRed())
                        + Math.abs(c.getGreen() - color.getGreen())
                        + Math.abs(c.getBlue() - color.getBlue());
                if (d < 12) {
                    n++;
                }
            }
        }
        return n;
    }
}
