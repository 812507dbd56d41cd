package io.pooledsqlite.bench;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One contender's figure for one workload variant, reduced from a JMH {@link RunResult} to what the table
 * and charts show: the median of the measured iterations (for sample time, the median sample).
 *
 * @param workload  benchmark class without "Benchmark", dot, method ({@code PointSelect.pointSelect})
 * @param variant   the non-peer parameters, e.g. {@code journal=WAL}, empty if none
 * @param threads   JMH threads (for groups, the sum of the group's threads)
 * @param peer      contender label
 * @param figures   named figures: {@code ops/s} (median attempts), {@code committed/s}, {@code busy/s},
 *                  {@code other errors/s} (attempts split by the outcome counters' proportions), or
 *                  {@code reader p50 us} style latencies for sample-time groups
 * @param unit      unit of the primary result as JMH reports it
 */
public record Measurement(String workload, String variant, int threads, String peer,
                          Map<String, Double> figures, String unit) {

    /** Name of the headline figure: successful operations per second, or attempts when nothing can fail. */
    public static final String COMMITTED = "committed/s";
    /** Attempts per second (JMH's primary score in throughput mode). */
    public static final String ATTEMPTS = "ops/s";
    /** Prefix of per-contender rates measured interleaved in one trial (PageCache, HeadToHead). */
    public static final String INTERLEAVED_PREFIX = "interleaved/s ";
    /** Labels of {@link PageCacheBenchmark#SETTINGS}, same order. */
    static final String[] SETTING_LABELS = {
        "sqlite defaults (cache -2000, mmap 0)", "pooledsqlite defaults: mmap only (cache -2000, mmap 256M)",
        "cache only (cache -8192, mmap 0)", "cache and mmap (cache -8192, mmap 256M)"
    };

    /** Reduces a JMH result. */
    public static Measurement of(RunResult run) {
        BenchmarkParams params = run.getParams();
        String benchmark = params.getBenchmark();
        String[] parts = benchmark.split("\\.");
        String workload = parts[parts.length - 2].replace("Benchmark", "") + "." + parts[parts.length - 1];
        StringBuilder variant = new StringBuilder();
        for (Object key : params.getParamsKeys()) {
            String name = (String) key;
            if (!name.equals("peer")) {
                variant.append(variant.length() == 0 ? "" : " ").append(name).append('=').append(params.getParam(name));
            }
        }
        String peer = params.getParamsKeys().contains("peer") ? params.getParam("peer") : "-";
        Map<String, Double> figures = new LinkedHashMap<>();
        if (params.getMode() == Mode.SampleTime) {
            // a group's per-method results are keyed by method name; JMH also adds "name:p0.50"-style entries
            for (Object label : params.getThreadGroupLabels()) {
                Result r = run.getSecondaryResults().get((String) label);
                if (r != null) {
                    figures.put(label + " p50 " + r.getScoreUnit(), median(r, 50));
                    figures.put(label + " p99 " + r.getScoreUnit(), median(r, 99));
                }
            }
            if (figures.isEmpty()) {
                Result primary = run.getPrimaryResult();
                figures.put("p50 " + primary.getScoreUnit(), median(primary, 50));
                figures.put("p99 " + primary.getScoreUnit(), median(primary, 99));
            }
        } else {
            double attempts = median(run.getPrimaryResult(), 50);
            figures.put(ATTEMPTS, attempts);
            putInterleaved(run, figures);
            Result committed = run.getSecondaryResults().get("committed");
            Result busy = run.getSecondaryResults().get("busyErrors");
            Result other = run.getSecondaryResults().get("otherErrors");
            if (committed != null && busy != null && other != null) {
                // JMH's aux counters keep counting while threads ramp down around each iteration, so their
                // rates overstate; their proportions do not. Split the properly timed attempt rate by them.
                double total = committed.getScore() + busy.getScore() + other.getScore();
                double share = total > 0 ? attempts / total : 0;
                figures.put(COMMITTED, committed.getScore() * share);
                figures.put("busy/s", busy.getScore() * share);
                figures.put("other errors/s", other.getScore() * share);
            }
        }
        return new Measurement(workload, variant.toString(), params.getThreads(), peer,
                Collections.unmodifiableMap(figures),
                run.getPrimaryResult().getScoreUnit());
    }

    /** The figure charts and ratios use: committed/s where counted, else attempts/s, else reader p50. */
    public double headline() {
        if (figures.containsKey(COMMITTED)) {
            return figures.get(COMMITTED);
        }
        if (figures.containsKey(ATTEMPTS)) {
            return figures.get(ATTEMPTS);
        }
        return figures.entrySet().stream()
                .filter(e -> e.getKey().contains("p50") && e.getKey().startsWith("reader"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(figures.values().iterator().next());
    }

    /** Whether a bigger headline is better (throughput) or worse (latency). */
    public boolean higherIsBetter() {
        return figures.containsKey(ATTEMPTS);
    }

    /** Name of the headline figure. */
    public String headlineName() {
        if (figures.containsKey(COMMITTED)) {
            return COMMITTED;
        }
        if (figures.containsKey(ATTEMPTS)) {
            return ATTEMPTS;
        }
        return figures.keySet().stream().filter(k -> k.contains("p50") && k.startsWith("reader"))
                .findFirst().orElse(figures.keySet().iterator().next());
    }

    /**
     * Interleaved timings come as counter pairs {@code <name>Ops|Queries} and {@code <name>Nanos}; the rate
     * is their quotient. PageCache's names become readable setting labels.
     */
    private static void putInterleaved(RunResult run, Map<String, Double> figures) {
        Map<String, Result> secondary = run.getSecondaryResults();
        List<String> settingNames = Arrays.asList(PageCacheTimings.NAMES);
        List<String> names = secondary.keySet().stream()
                .filter(k -> k.endsWith("Nanos"))
                .map(k -> k.substring(0, k.length() - "Nanos".length()))
                // PageCache settings in their declared order (SQLite defaults first), others by name
                .sorted(Comparator.comparing((String n) -> settingNames.indexOf(n)).thenComparing(n -> n))
                .collect(Collectors.toList());
        for (String name : names) {
            Result nanos = secondary.get(name + "Nanos");
            Result count = secondary.containsKey(name + "Ops") ? secondary.get(name + "Ops")
                    : secondary.get(name + "Queries");
            if (count != null && nanos.getScore() > 0) {
                int setting = settingNames.indexOf(name);
                String label = setting >= 0 ? SETTING_LABELS[setting] : name;
                figures.put(INTERLEAVED_PREFIX + label, count.getScore() * 1e9 / nanos.getScore());
            }
        }
    }

    private static double median(Result r, double percentile) {
        double value = r.getStatistics().getPercentile(percentile);
        return Double.isNaN(value) ? r.getScore() : value;
    }
}
