package io.pooledsqlite.bench;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart drawn with Java2D (headless): one group per category (e.g. thread count), one bar per
 * series (contender) side by side, each bar labelled with its value. Switches to a logarithmic axis when
 * values span more than two orders of magnitude, so a 1,000 ops/s bar stays visible beside 5,000,000.
 */
public final class BarChart {

    private static final Color[] PALETTE = {
        new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52),
        new Color(0x8172B3), new Color(0x937860), new Color(0xDA8BC3), new Color(0x8C8C8C)
    };
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 20;
    private static final int TOP = 60;
    private static final int BOTTOM = 110;

    private final String title;
    private final String axisLabel;
    private final List<String> categories = new ArrayList<>();
    private final Map<String, Map<String, Double>> valuesBySeries = new LinkedHashMap<>();

    /** A chart titled {@code title} whose value axis reads {@code axisLabel}. */
    public BarChart(String title, String axisLabel) {
        this.title = title;
        this.axisLabel = axisLabel;
    }

    /** Sets one bar; categories and series appear in the order first seen. */
    public BarChart put(String category, String series, double value) {
        if (!categories.contains(category)) {
            categories.add(category);
        }
        valuesBySeries.computeIfAbsent(series, s -> new LinkedHashMap<>()).put(category, value);
        return this;
    }

    /** Writes the chart as a PNG. */
    public void writePng(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private void draw(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);

        double max = 0;
        double min = Double.MAX_VALUE;
        for (Map<String, Double> values : valuesBySeries.values()) {
            for (double v : values.values()) {
                max = Math.max(max, v);
                if (v > 0) {
                    min = Math.min(min, v);
                }
            }
        }
        if (max <= 0) {
            max = 1;
            min = 1;
        }
        boolean log = max / min > 100;
        Scale scale = log ? new LogScale(min, max) : new LinearScale(max);

        int plotHeight = HEIGHT - TOP - BOTTOM;
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(new Color(0xDDDDDD));
        for (double tick : scale.ticks()) {
            int y = TOP + plotHeight - (int) Math.round(scale.fraction(tick) * plotHeight);
            g.setColor(new Color(0xE5E5E5));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            String label = format(tick);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(LEFT, TOP, LEFT, TOP + plotHeight);
        g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(axisLabel + (log ? " (log scale)" : ""), -(TOP + plotHeight / 2 + 60), 16);
        rotated.dispose();

        int groupWidth = plotWidth / Math.max(1, categories.size());
        int seriesCount = Math.max(1, valuesBySeries.size());
        int barWidth = Math.max(4, Math.min(60, (groupWidth - 20) / seriesCount));
        int c = 0;
        for (String category : categories) {
            // only the series present in this category, side by side and centred
            int present = (int) valuesBySeries.values().stream().filter(v -> v.containsKey(category)).count();
            int groupLeft = LEFT + c * groupWidth + (groupWidth - barWidth * present) / 2;
            int s = 0;
            int slot = 0;
            for (Map.Entry<String, Map<String, Double>> series : valuesBySeries.entrySet()) {
                Double value = series.getValue().get(category);
                if (value != null) {
                    int h = (int) Math.round(scale.fraction(value) * plotHeight);
                    int x = groupLeft + slot * barWidth;
                    g.setColor(PALETTE[s % PALETTE.length]);
                    g.fillRect(x, TOP + plotHeight - h, barWidth - 2, h);
                    g.setColor(Color.BLACK);
                    drawVertical(g, format(value), x + barWidth / 2 + 4, TOP + plotHeight - h - 4);
                    slot++;
                }
                s++;
            }
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            g.drawString(category, LEFT + c * groupWidth + (groupWidth - fm.stringWidth(category)) / 2,
                    TOP + plotHeight + 16);
            c++;
        }
        drawLegend(g, TOP + plotHeight + 40);
    }

    private void drawLegend(Graphics2D g, int y) {
        int x = LEFT;
        int s = 0;
        FontMetrics fm = g.getFontMetrics();
        for (String series : valuesBySeries.keySet()) {
            int w = 18 + fm.stringWidth(series) + 20;
            if (x + w > WIDTH - RIGHT) {
                x = LEFT;
                y += 18;
            }
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(x, y - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(series, x + 16, y);
            x += w;
            s++;
        }
    }

    private static void drawVertical(Graphics2D g, String text, int x, int y) {
        Graphics2D r = (Graphics2D) g.create();
        r.translate(x, y);
        r.rotate(-Math.PI / 2);
        r.drawString(text, 0, 0);
        r.dispose();
    }

    /** Compact number: 1.2M, 35.1k, 980, 4.20. */
    static String format(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return String.format("%.1fM", v / 1e6);
        }
        if (a >= 1e4) {
            return String.format("%.1fk", v / 1e3);
        }
        if (a >= 100) {
            return String.format("%.0f", v);
        }
        return String.format("%.2f", v);
    }

    /** Maps a value to 0..1 of the plot height. */
    private interface Scale {
        double fraction(double value);

        List<Double> ticks();
    }

    private static final class LinearScale implements Scale {
        private final double top;

        LinearScale(double max) {
            double step = Math.pow(10, Math.floor(Math.log10(max)));
            this.top = Math.ceil(max * 1.1 / step) * step;
        }

        @Override
        public double fraction(double value) {
            return Math.max(0, value) / top;
        }

        @Override
        public List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (int i = 0; i <= 5; i++) {
                ticks.add(top * i / 5);
            }
            return ticks;
        }
    }

    private static final class LogScale implements Scale {
        private final double low;
        private final double high;

        LogScale(double min, double max) {
            this.low = Math.floor(Math.log10(min / 2));
            this.high = Math.ceil(Math.log10(max * 1.5));
        }

        @Override
        public double fraction(double value) {
            if (value <= 0) {
                return 0;
            }
            return Math.max(0, (Math.log10(value) - low) / (high - low));
        }

        @Override
        public List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (double e = low; e <= high; e++) {
                ticks.add(Math.pow(10, e));
            }
            return ticks;
        }
    }
}
