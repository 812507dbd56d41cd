package io.pooledsqlite.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The short suite behind {@code bench/run.sh}: every workload once with each contender (1 fork, 1 warmup
 * and 3 measured iterations of 1 s), the multi-threaded write workloads at 8 threads and, for the two pools,
 * also at 2 threads, then
 * {@code results.json}, {@code results.md} and PNG charts in the output directory (first argument,
 * default {@code bench/results}). {@link UserQueryBenchmark} is not part of it; run it by hand.
 */
public final class BenchSuite {

    private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

    private BenchSuite() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        BenchmarkCatalog catalog = BenchmarkCatalog.probe();
        List<RunResult> results = new ArrayList<>();
        for (String benchmark : BenchmarkCatalog.benchmarkClasses()) {
            if (benchmark.equals(UserQueryBenchmark.class.getName())) {
                continue;
            }
            boolean scaled = benchmark.equals(ReadModifyWriteBenchmark.class.getName())
                    || benchmark.equals(AutocommitUpdateBenchmark.class.getName());
            if (scaled) {
                String[] peers = catalog.runnablePeers(benchmark).orElseThrow();
                results.addAll(run(options(benchmark, peers).threads(8)));
                // the scaling point only for the two pools, to keep the suite short
                String[] pools = Arrays.stream(peers)
                        .filter(p -> p.equals(Peer.HIKARI.label()) || p.startsWith("pooledsqlite"))
                        .toArray(String[]::new);
                results.addAll(run(options(benchmark, pools).threads(2)));
            } else {
                String[] peers = catalog.runnablePeers(benchmark).orElse(null);
                ChainedOptionsBuilder options = options(benchmark, peers);
                if (benchmark.equals(PageCacheBenchmark.class.getName())) {
                    // differences between settings are small next to this machine's noise: more samples
                    options.measurementIterations(5);
                }
                results.addAll(run(options));
            }
        }
        ResultsReport report = new ResultsReport(results);
        for (Path p : report.writeTo(out, environment(catalog))) {
            System.out.println("wrote " + p);
        }
    }

    /**
     * Runs JMH, waiting while another JMH process on this machine holds JMH's lock (runs on a shared machine
     * must not overlap: each would measure the other), for at most {@link #LOCK_WAIT}.
     */
    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        boolean told = false;
        while (true) {
            try {
                return new Runner(options.build()).run();
            } catch (RunnerException e) {
                if (!String.valueOf(e.getMessage()).contains("JMH lock") || System.nanoTime() > deadline) {
                    throw e;
                }
                if (!told) {
                    System.out.println("another JMH run holds the JMH lock; waiting for it to finish");
                    told = true;
                }
                try {
                    Thread.sleep(2000); // the lock belongs to another process: nothing to wait on but time
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The short-run options for one benchmark class; {@code peers} null when it has no peer parameter. */
    private static ChainedOptionsBuilder options(String benchmark, String[] peers) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark) + "\\.")
                .forks(1)
                .warmupIterations(1)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Dbench.dir=" + System.getProperty("bench.dir",
                        Path.of("bench", "target", "bench-data").toAbsolutePath().toString()));
        if (peers != null) {
            options.param("peer", peers);
        }
        return options;
    }

    private static String environment(BenchmarkCatalog catalog) throws IOException {
        StringBuilder env = new StringBuilder();
        env.append("- date: ").append(Instant.now()).append('\n');
        env.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        env.append("- cores: ").append(Runtime.getRuntime().availableProcessors())
                .append(", CPU: ").append(cpuModel())
                .append(", OS: ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append('\n');
        env.append("- load average at the end: ")
                .append(String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))
                .append(" (shared machine; other builds may run concurrently)\n");
        env.append("- JMH: 1 fork, 1 x 1 s warmup, 3 x 1 s measurement (PageCache: 5 x 1 s)");
        for (String reason : catalog.skipped()) {
            env.append("\n- skipped: ").append(reason);
        }
        return env.toString();
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        return System.getProperty("os.arch");
    }
}
