package io.pooledsqlite.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * Turns one suite run into {@code results.json} (JMH's own format), {@code results.md} (table plus
 * pooledsqlite/HikariCP ratios) and one PNG chart per workload in an output directory.
 */
public final class ResultsReport {

    private static final String HIKARI = Peer.HIKARI.label();
    private static final String POOLED = Peer.POOLEDSQLITE.label();

    private final List<RunResult> runs;
    private final List<Measurement> measurements;

    /** A report over the given JMH results. */
    public ResultsReport(Collection<RunResult> runs) {
        this.runs = new ArrayList<>(runs);
        this.measurements = runs.stream().map(Measurement::of).collect(Collectors.toList());
    }

    /** The reduced figures, in run order. */
    public List<Measurement> measurements() {
        return measurements;
    }

    /** Writes JSON, Markdown and PNGs into {@code directory} (replacing its PNGs), returning the files written. */
    public List<Path> writeTo(Path directory, String environment) throws IOException {
        Files.createDirectories(directory);
        // the directory shows one run: charts of workloads that are gone must not linger
        try (var old = Files.newDirectoryStream(directory, "*.png")) {
            for (Path png : old) {
                Files.delete(png);
            }
        }
        List<Path> written = new ArrayList<>();
        Path json = directory.resolve("results.json");
        try (PrintStream out = new PrintStream(Files.newOutputStream(json), false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(runs);
        }
        written.add(json);
        Path markdown = directory.resolve("results.md");
        Files.writeString(markdown, markdown(environment), StandardCharsets.UTF_8);
        written.add(markdown);
        for (Map.Entry<String, List<Measurement>> chart : byChart().entrySet()) {
            Path png = directory.resolve(chart.getKey().replace('.', '-') + ".png");
            chart(chart.getKey(), chart.getValue()).writePng(png);
            written.add(png);
        }
        return written;
    }

    /** The Markdown table and ratios. */
    public String markdown(String environment) {
        StringBuilder md = new StringBuilder();
        md.append("# pooledsqlite benchmark results\n\n").append(environment).append("\n\n");
        md.append("Figures are medians over the measured iterations (sample-time rows: median and 99th percentile "
                + "of all samples). `ops/s` counts attempts (rows/s for BatchInsert); `committed/s`, `busy/s`, "
                + "`other errors/s` count how the attempts ended.\n\n");
        md.append("| workload | variant | threads | peer | figures |\n|---|---|---:|---|---|\n");
        for (Measurement m : measurements) {
            md.append("| ").append(m.workload()).append(" | ").append(m.variant().isEmpty() ? "-" : m.variant())
                    .append(" | ").append(m.threads()).append(" | ").append(m.peer()).append(" | ")
                    .append(m.figures().entrySet().stream()
                            .map(e -> e.getKey() + " " + number(e.getValue()))
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        md.append("\n## pooledsqlite / HikariCP\n\n");
        md.append("Ratio of the headline figure (committed/s where counted, else ops/s; for latency "
                + "HikariCP's reader p50 divided by pooledsqlite's). Above 1 means pooledsqlite did better.\n\n");
        md.append("| workload | variant | threads | headline | hikari | pooledsqlite | ratio |\n"
                + "|---|---|---:|---|---:|---:|---:|\n");
        for (Measurement pooled : measurements) {
            if (!pooled.peer().equals(POOLED)) {
                continue;
            }
            for (Measurement hikari : measurements) {
                if (hikari.peer().equals(HIKARI) && sameVariant(hikari, pooled)) {
                    double ratio = pooled.higherIsBetter()
                            ? pooled.headline() / hikari.headline()
                            : hikari.headline() / pooled.headline();
                    md.append("| ").append(pooled.workload()).append(" | ")
                            .append(pooled.variant().isEmpty() ? "-" : pooled.variant()).append(" | ")
                            .append(pooled.threads()).append(" | ").append(pooled.headlineName()).append(" | ")
                            .append(number(hikari.headline())).append(" | ").append(number(pooled.headline()))
                            .append(" | ").append(String.format(Locale.ROOT, "%.2f", ratio)).append(" |\n");
                }
            }
        }
        headToHeadRatios(md);
        ceilingRatios(md);
        pageCacheRatios(md);
        return md.toString();
    }

    /** The interleaved single-thread comparison, immune to load drift between forks. */
    private void headToHeadRatios(StringBuilder md) {
        String hikariKey = Measurement.INTERLEAVED_PREFIX + HIKARI;
        String pooledKey = Measurement.INTERLEAVED_PREFIX + POOLED;
        boolean header = false;
        for (Measurement m : measurements) {
            Double hikari = m.figures().get(hikariKey);
            Double pooled = m.figures().get(pooledKey);
            if (hikari == null || pooled == null) {
                continue;
            }
            if (!header) {
                md.append("\nInterleaved in one trial (HeadToHead: the two pools alternate in random order, each timed "
                        + "over a short batch, so both see the same machine load):\n\n");
                md.append("| workload | hikari ops/s | pooledsqlite ops/s | ratio |\n|---|---:|---:|---:|\n");
                header = true;
            }
            md.append("| ").append(m.workload()).append(" | ").append(number(hikari)).append(" | ")
                    .append(number(pooled)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", pooled / hikari)).append(" |\n");
        }
    }

    /** Issue 3: the 8-thread read-modify-write figure against the one-thread ceiling. */
    private void ceilingRatios(StringBuilder md) {
        Measurement ceiling = measurements.stream()
                .filter(m -> m.workload().startsWith("ReadModifyWriteCeiling."))
                .findFirst().orElse(null);
        if (ceiling == null) {
            return;
        }
        md.append("\n## read-modify-write against the single-thread ceiling\n\n");
        md.append("Ceiling (1 thread, one raw connection, statements reused): ")
                .append(number(ceiling.headline())).append(" committed/s.\n\n");
        md.append("| threads | peer | committed/s | busy/s | × ceiling |\n|---:|---|---:|---:|---:|\n");
        for (Measurement m : measurements) {
            if (m.workload().startsWith("ReadModifyWrite.")) {
                md.append("| ").append(m.threads()).append(" | ").append(m.peer()).append(" | ")
                        .append(number(m.headline())).append(" | ")
                        .append(number(m.figures().getOrDefault("busy/s", 0.0))).append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", m.headline() / ceiling.headline()))
                        .append(" |\n");
            }
        }
    }

    /** cache_size / mmap_size: each setting's query rate relative to SQLite's defaults, per query shape. */
    private void pageCacheRatios(StringBuilder md) {
        List<Measurement> pageCache = measurements.stream()
                .filter(m -> m.workload().startsWith("PageCache."))
                .collect(Collectors.toList());
        if (pageCache.isEmpty()) {
            return;
        }
        md.append("\n## cache_size / mmap_size (interleaved in one trial)\n\n");
        md.append("| query | setting | queries/s | × SQLite defaults |\n|---|---|---:|---:|\n");
        for (Measurement m : pageCache) {
            String baseline = Measurement.INTERLEAVED_PREFIX + Measurement.SETTING_LABELS[0];
            double base = m.figures().getOrDefault(baseline, Double.NaN);
            for (String label : Measurement.SETTING_LABELS) {
                Double v = m.figures().get(Measurement.INTERLEAVED_PREFIX + label);
                if (v != null) {
                    md.append("| ").append(m.workload()).append(' ').append(m.variant()).append(" | ")
                            .append(label).append(" | ").append(number(v)).append(" | ")
                            .append(String.format(Locale.ROOT, "%.2f", v / base)).append(" |\n");
                }
            }
        }
    }

    private static boolean sameVariant(Measurement a, Measurement b) {
        return a.workload().equals(b.workload()) && a.variant().equals(b.variant()) && a.threads() == b.threads();
    }

    /** Charts keyed by workload; the read-modify-write ceiling joins the read-modify-write chart. */
    private Map<String, List<Measurement>> byChart() {
        Map<String, List<Measurement>> charts = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            boolean interleaved = m.figures().keySet().stream()
                    .anyMatch(k -> k.startsWith(Measurement.INTERLEAVED_PREFIX));
            // interleaved classes get one chart for all their methods; the ceiling joins read-modify-write
            String key = interleaved ? m.workload().substring(0, m.workload().indexOf('.'))
                    : m.workload().replace("Ceiling", "");
            charts.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        return charts;
    }

    private static BarChart chart(String workload, List<Measurement> ms) {
        Measurement first = ms.get(0);
        if (!first.higherIsBetter()) {
            BarChart chart = new BarChart(workload + " - latency, lower is better", "microseconds");
            for (Measurement m : ms) {
                for (Map.Entry<String, Double> f : m.figures().entrySet()) {
                    chart.put(f.getKey().replace(" us/op", "").replace(" us", ""), m.peer(), f.getValue());
                }
            }
            return chart;
        }
        if (first.figures().keySet().stream().anyMatch(k -> k.startsWith(Measurement.INTERLEAVED_PREFIX))) {
            String workloadClass = first.workload().substring(0, first.workload().indexOf('.'));
            BarChart chart = new BarChart(workloadClass + " - ops/s per contender, interleaved in one trial, "
                    + "higher is better", "ops/s");
            for (Measurement m : ms) {
                String method = m.workload().substring(m.workload().indexOf('.') + 1);
                m.figures().forEach((k, v) -> {
                    if (k.startsWith(Measurement.INTERLEAVED_PREFIX)) {
                        chart.put(method, k.substring(Measurement.INTERLEAVED_PREFIX.length()), v);
                    }
                });
            }
            return chart;
        }
        Set<String> names = new LinkedHashSet<>();
        ms.forEach(m -> names.add(m.headlineName()));
        BarChart chart = new BarChart(workload + " - " + String.join(" / ", names) + ", higher is better",
                String.join(" / ", names));
        for (Measurement m : ms) {
            String ceiling = m.workload().contains("Ceiling") ? "ceiling " : "";
            if (m.peer().equals("-")) {
                // no contenders (PageCache): the settings are the series
                chart.put(ceiling + "t=" + m.threads(), m.variant(), m.headline());
            } else {
                String variant = m.variant().isEmpty() ? "" : m.variant() + " ";
                chart.put(ceiling + variant + "t=" + m.threads(), m.peer(), m.headline());
            }
        }
        return chart;
    }

    private static String number(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
