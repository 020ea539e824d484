package dev.sigpage.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the report as a PNG with Java2D (headless): the cost table as bars with error whiskers on a logarithmic
 * axis (so a model of a few nanoseconds and a system call of hundreds stay readable side by side) with the Java
 * floor dashed, the native {@code lock xadd} dotted when measured, and each target's verdict beside the row it
 * reads; the delivery percentiles (model and Linux) as p50/p99 bars on a
 * logarithmic axis; and the targets with their bounds and verdicts (MET green, MISSED red).
 */
final class ReportChart {

    private static final int WIDTH = 1280;
    private static final int LABEL_WIDTH = 420;
    private static final int VALUE_WIDTH = 190;
    /** Room right of the cost bars: the value, the ratio and the verdict with its bound. */
    private static final int COST_VALUE_WIDTH = 330;

    private static final int ROW = 26;
    private static final int MARGIN = 20;
    private static final int TITLE = 34;
    private static final Color COST = new Color(0x3B6EA8);
    private static final Color P50 = new Color(0x2E8B57);
    private static final Color P99 = new Color(0xA8D5BA);
    private static final Color LINUX_P50 = new Color(0xB5472E);
    private static final Color LINUX_P99 = new Color(0xEDB9A8);
    private static final Color MET = new Color(0x1E7B34);
    private static final Color MISSED = new Color(0xC0392B);
    private static final Color NATIVE = new Color(0x7D3C98);

    private ReportChart() {}

    /** One bar row of the latency panel. */
    private record LatencyRow(String label, double p50, double p99, boolean linux) {}

    /**
     * Writes the chart.
     *
     * @param table the report
     * @param title the heading (configuration and machine)
     * @param png   the file to write
     * @throws IOException when the file cannot be written
     */
    static void write(final ReportTable table, final String title, final Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        final List<Measurement> costs = table.costs();
        final List<LatencyRow> latencies = new ArrayList<>();
        for (final Measurement latency : table.latencies()) {
            latencies.add(new LatencyRow(latency.key() + " (round trip)", latency.p50(), latency.p99(), false));
        }
        for (final LinuxDelivery delivery : table.linux()) {
            latencies.add(new LatencyRow(
                    delivery.method() + " (round trip)", delivery.roundTripP50(), delivery.roundTripP99(), true));
            latencies.add(
                    new LatencyRow(delivery.method() + " (one way)", delivery.oneWayP50(), delivery.oneWayP99(), true));
        }
        final int costHeight = TITLE + Math.max(1, costs.size()) * ROW + 30;
        final int latencyHeight = TITLE + Math.max(1, latencies.size()) * ROW * 2 + 40;
        final int targetHeight = TITLE + table.targets().size() * ROW + 10;
        final int height = MARGIN + TITLE + costHeight + MARGIN + latencyHeight + MARGIN + targetHeight + MARGIN;

        final BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, MARGIN, MARGIN + 18);
            int y = MARGIN + TITLE;
            drawCosts(g, table, costs, y);
            y += costHeight + MARGIN;
            drawLatencies(g, latencies, y);
            y += latencyHeight + MARGIN;
            drawTargets(g, table.targets(), y);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer available: file=" + png);
        }
    }

    private static void drawCosts(
            final Graphics2D g, final ReportTable table, final List<Measurement> costs, final int top) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(
                "Cost per operation, ns/op, log scale (mean ± 99.9% error; dashed = floorXadd, dotted = native lock xadd)",
                MARGIN, top + 18);
        final int barLeft = MARGIN + LABEL_WIDTH;
        final int barWidth = WIDTH - barLeft - COST_VALUE_WIDTH - MARGIN;
        double min = Double.MAX_VALUE;
        double max = 10;
        for (final Measurement cost : costs) {
            if (cost.score() > 0) {
                min = Math.min(
                        min,
                        Math.max(cost.score() - (Double.isNaN(cost.error()) ? 0 : cost.error()), cost.score() / 10));
            }
            max = Math.max(max, cost.score() + (Double.isNaN(cost.error()) ? 0 : cost.error()));
        }
        final int lowDecade = min == Double.MAX_VALUE ? 0 : (int) Math.floor(Math.log10(min));
        final double decades = Math.max(1, Math.ceil(Math.log10(max)) - lowDecade);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
        final FontMetrics metrics = g.getFontMetrics();
        int y = top + TITLE;
        for (final Measurement cost : costs) {
            g.setColor(Color.BLACK);
            g.drawString(cost.key(), barLeft - 8 - metrics.stringWidth(cost.key()), y + 16);
            final int length = logLength(cost.score(), barWidth, lowDecade, decades);
            g.setColor(COST);
            g.fillRect(barLeft, y + 4, Math.max(1, length), ROW - 8);
            int textLeft = barLeft + Math.max(1, length);
            if (!Double.isNaN(cost.error())) {
                final int low = barLeft + logLength(cost.score() - cost.error(), barWidth, lowDecade, decades);
                final int high = barLeft + logLength(cost.score() + cost.error(), barWidth, lowDecade, decades);
                g.setColor(Color.BLACK);
                g.drawLine(low, y + ROW / 2, high, y + ROW / 2);
                g.drawLine(low, y + 7, low, y + ROW - 7);
                g.drawLine(high, y + 7, high, y + ROW - 7);
                textLeft = Math.max(textLeft, high);
            }
            g.setColor(Color.BLACK);
            final String value = ReportTable.fixed(cost.score()) + " ns  "
                    + ReportTable.times(table.ratio(cost.key(), ReportTable.FLOOR));
            g.drawString(value, textLeft + 8, y + 16);
            final Target t = table.targetOf(cost.key()).orElse(null);
            if (t != null) {
                // the target's own figure beside its verdict: syscall's target is a ratio of ratios, not / floor
                verdict(
                        g,
                        t,
                        ReportTable.fixed(t.value()) + t.unit().strip() + " ",
                        textLeft + 16 + metrics.stringWidth(value),
                        y + 16);
            }
            y += ROW;
        }
        table.get(ReportTable.FLOOR).ifPresent(floor -> {
            final int x = barLeft + logLength(floor.score(), barWidth, lowDecade, decades);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 4}, 0));
            g.drawLine(x, top + TITLE, x, top + TITLE + costs.size() * ROW);
            g.setStroke(new BasicStroke(1));
        });
        table.anchors().ifPresent(anchors -> {
            final int x = barLeft + logLength(anchors.xaddNs(), barWidth, lowDecade, decades);
            g.setColor(NATIVE);
            g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {1, 3}, 0));
            g.drawLine(x, top + TITLE, x, top + TITLE + costs.size() * ROW);
            g.setStroke(new BasicStroke(1));
        });
        axis(g, barLeft, top + TITLE + costs.size() * ROW + 4, barWidth, lowDecade, decades);
    }

    private static void verdict(
            final Graphics2D g, final Target target, final String figure, final int x, final int baseline) {
        final Target.Status status = target.status();
        g.setColor(status == Target.Status.MET ? MET : status == Target.Status.MISSED ? MISSED : Color.GRAY);
        g.drawString(status.name() + " " + figure + target.bound(), x, baseline);
    }

    private static void drawTargets(final Graphics2D g, final List<Target> targets, final int top) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(
                "Targets (verdict on the means; \"inside the error\" when the bound lies within the interval)",
                MARGIN,
                top + 18);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
        final FontMetrics metrics = g.getFontMetrics();
        int y = top + TITLE;
        for (final Target target : targets) {
            g.setColor(Color.BLACK);
            final String label = target.name() + ": " + target.measured() + ", bound " + target.bound();
            g.drawString(label, MARGIN + 20, y + 16);
            final int x = MARGIN + 40 + metrics.stringWidth(label);
            verdict(g, target, "", x, y + 16);
            if (target.status() != Target.Status.NOT_MEASURED
                    && !Double.isNaN(target.error())
                    && !target.conclusive()) {
                g.setColor(Color.DARK_GRAY);
                g.drawString(
                        "(inside the error)",
                        x + 8 + metrics.stringWidth(target.status() + " " + target.bound()),
                        y + 16);
            }
            y += ROW;
        }
    }

    private static void drawLatencies(final Graphics2D g, final List<LatencyRow> rows, final int top) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(
                "Delivery latency, ns, log scale (dark = p50, light = p99; green = model, red = Linux)",
                MARGIN,
                top + 18);
        final int barLeft = MARGIN + LABEL_WIDTH;
        final int barWidth = WIDTH - barLeft - VALUE_WIDTH - MARGIN;
        double max = 1000;
        for (final LatencyRow row : rows) {
            max = Math.max(max, Double.isNaN(row.p99()) ? 0 : row.p99());
        }
        final int lowDecade = 1;
        final double decades = Math.ceil(Math.log10(max)) - lowDecade;
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
        final FontMetrics metrics = g.getFontMetrics();
        int y = top + TITLE;
        for (final LatencyRow row : rows) {
            g.setColor(Color.BLACK);
            g.drawString(row.label(), barLeft - 8 - metrics.stringWidth(row.label()), y + 2 * ROW / 2 + 6);
            drawLogBar(g, barLeft, y, barWidth, lowDecade, decades, row.p50(), row.linux() ? LINUX_P50 : P50, "p50 ");
            drawLogBar(
                    g,
                    barLeft,
                    y + ROW,
                    barWidth,
                    lowDecade,
                    decades,
                    row.p99(),
                    row.linux() ? LINUX_P99 : P99,
                    "p99 ");
            y += 2 * ROW;
        }
        axis(g, barLeft, top + TITLE + rows.size() * 2 * ROW + 4, barWidth, lowDecade, decades);
    }

    private static void drawLogBar(
            final Graphics2D g,
            final int left,
            final int y,
            final int width,
            final int lowDecade,
            final double decades,
            final double value,
            final Color color,
            final String tag) {
        final int length = Double.isNaN(value) ? 0 : logLength(value, width, lowDecade, decades);
        g.setColor(color);
        g.fillRect(left, y + 3, Math.max(1, length), ROW - 6);
        g.setColor(Color.BLACK);
        g.drawString(tag + ReportTable.fixed(value), left + Math.max(1, length) + 8, y + 16);
    }

    /** Bars start at 10^lowDecade ns: (log10(value) - lowDecade) decades out of {@code decades}. */
    private static int logLength(final double value, final int width, final int lowDecade, final double decades) {
        final double position = (Math.log10(Math.max(value, Math.pow(10, lowDecade))) - lowDecade) / decades;
        return (int) Math.round(position * width);
    }

    private static void axis(
            final Graphics2D g,
            final int left,
            final int y,
            final int width,
            final int lowDecade,
            final double decades) {
        g.setColor(Color.DARK_GRAY);
        g.drawLine(left, y, left + width, y);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // label every decade while there is room, else every second or third one
        final int every = (int) Math.ceil(70 / (width / decades));
        for (int decade = 0; decade <= decades; decade++) {
            final int x = left + (int) Math.round(decade / decades * width);
            g.drawLine(x, y, x, y + 5);
            if (decade % Math.max(1, every) == 0) {
                g.drawString(duration(Math.pow(10, decade + lowDecade)), x - 12, y + 18);
            }
        }
    }

    /** A power of ten of nanoseconds in the largest unit that keeps it at least 1: 100 ns, 10 µs, 1 s. */
    static String duration(final double nanos) {
        if (nanos >= 1e9) {
            return ReportTable.number(nanos / 1e9) + " s";
        } else if (nanos >= 1e6) {
            return ReportTable.number(nanos / 1e6) + " ms";
        } else if (nanos >= 1e3) {
            return ReportTable.number(nanos / 1e3) + " µs";
        }
        return ReportTable.number(nanos) + " ns";
    }
}
