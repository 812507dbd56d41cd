package io.pooledsqlite.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark method with every runnable contender once, in this JVM (forks 0) for one very
 * short iteration, so none of them rots: setup, workload and teardown checks (e.g. no lost updates) must
 * pass, no operation may fail with anything but {@code SQLITE_BUSY}, and pooledsqlite may not surface
 * {@code SQLITE_BUSY} at all. Says nothing about speed.
 */
class EveryBenchmarkRunsOnceTest {

    @TempDir
    static Path benchDir;

    private static List<RunResult> results;
    private static List<Measurement> measurements;
    private static Set<String> classesRun;

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    static void runEveryBenchmarkOnce() throws Exception {
        System.setProperty("bench.dir", benchDir.toString());
        // JMH refuses to start while another JMH run holds /tmp/jmh.lock; this run measures nothing
        System.setProperty("jmh.ignoreLock", "true");
        BenchmarkCatalog catalog = BenchmarkCatalog.probe();
        results = new ArrayList<>();
        classesRun = new TreeSet<>();
        for (String benchmark : BenchmarkCatalog.benchmarkClasses()) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include("^" + Pattern.quote(benchmark) + "\\.")
                    .forks(0)
                    .warmupIterations(0)
                    .measurementIterations(1)
                    .measurementTime(TimeValue.milliseconds(100))
                    .timeout(TimeValue.seconds(60))
                    .shouldFailOnError(true)
                    .shouldDoGC(false)
                    .verbosity(VerboseMode.SILENT)
                    .param("rows", "2000");
            catalog.runnablePeers(benchmark).ifPresent(peers -> options.param("peer", peers));
            Collection<RunResult> run = new Runner(options.build()).run();
            assertFalse(run.isEmpty(), benchmark + " produced no result");
            results.addAll(run);
            classesRun.add(benchmark);
        }
        measurements = new ResultsReport(results).measurements();
    }

    @Test
    void everyGeneratedBenchmarkClassRan() {
        assertEquals(BenchmarkCatalog.benchmarkClasses(), classesRun);
        assertTrue(classesRun.size() >= 9, "expected all workloads, got " + classesRun);
    }

    @Test
    void everyContenderOfEveryWorkloadProducedAFigure() {
        for (Measurement m : measurements) {
            assertTrue(m.headline() > 0, m + " did no work");
        }
        assertTrue(measurements.stream().anyMatch(m -> m.peer().equals("pooledsqlite")));
        assertTrue(measurements.stream().anyMatch(m -> m.peer().equals("hikari")));
    }

    @Test
    void pageCacheTimesAllFourSettingsInEveryQueryShape() {
        List<Measurement> pageCache = measurements.stream()
                .filter(m -> m.workload().startsWith("PageCache.")).toList();
        assertEquals(3, pageCache.size(), "pointSelect, pointSelectHot, rangeScan");
        for (Measurement m : pageCache) {
            long settings = m.figures().entrySet().stream()
                    .filter(e -> e.getKey().startsWith(Measurement.INTERLEAVED_PREFIX) && e.getValue() > 0).count();
            assertEquals(PageCacheBenchmark.SETTINGS.length, settings, m.toString());
        }
    }

    @Test
    void headToHeadTimesBothPoolsInEveryWorkload() {
        List<Measurement> headToHead = measurements.stream()
                .filter(m -> m.workload().startsWith("HeadToHead.")).toList();
        assertEquals(3, headToHead.size(), "getConnectionAndClose, pointSelect, insertBatch");
        for (Measurement m : headToHead) {
            assertTrue(m.figures().getOrDefault(Measurement.INTERLEAVED_PREFIX + "hikari", 0.0) > 0, m.toString());
            assertTrue(m.figures().getOrDefault(Measurement.INTERLEAVED_PREFIX + "pooledsqlite", 0.0) > 0,
                    m.toString());
        }
    }

    /** PhysicalLimits is a plain main, not JMH: run its four workloads with tiny slices. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void physicalLimitsTimesEveryContenderOfTheFourWorkloads() throws Exception {
        PhysicalLimits limits = new PhysicalLimits(40, 1, PhysicalLimits.WORKLOADS);
        List<String> report = limits.run();
        Map<String, Map<String, Double>> medians = limits.medians();
        assertEquals(PhysicalLimits.WORKLOADS.size(), medians.size(), medians.toString());
        for (Map.Entry<String, Map<String, Double>> workload : medians.entrySet()) {
            assertTrue(workload.getValue().containsKey("pooledsqlite"), workload.toString());
            assertTrue(workload.getValue().containsKey("hikari"), workload.toString());
            workload.getValue().forEach((contender, rate) ->
                    assertTrue(rate > 0, contender + " did no work in " + workload.getKey()));
        }
        for (String w : PhysicalLimits.WORKLOADS) {
            assertTrue(report.stream().anyMatch(l -> l.startsWith("ratio " + w + " ")), w + " ratio in " + report);
            assertTrue(report.stream().anyMatch(l -> l.startsWith("cpu ratio " + w + " ")), w + " cpu ratio in " + report);
        }
    }

    @Test
    void noOperationFailsWithAnythingButBusy() {
        for (Measurement m : measurements) {
            assertEquals(0.0, m.figures().getOrDefault("other errors/s", 0.0), m.toString());
        }
    }

    @Test
    void pooledsqliteNeverSurfacesSqliteBusy() {
        for (Measurement m : measurements) {
            if (m.peer().startsWith("pooledsqlite")) {
                assertEquals(0.0, m.figures().getOrDefault("busy/s", 0.0), m.toString());
            }
        }
    }

    @Test
    void reportWritesJsonMarkdownWithRatiosAndReadableCharts(@TempDir Path out) throws Exception {
        List<Path> files = new ResultsReport(results).writeTo(out, "- test run");
        String json = Files.readString(out.resolve("results.json"));
        assertTrue(json.contains("ConnectionAcquireBenchmark.getConnectionAndClose"), "JSON names the benchmarks");
        String markdown = Files.readString(out.resolve("results.md"));
        assertTrue(markdown.contains("## pooledsqlite / HikariCP"), markdown);
        assertTrue(markdown.contains("| ConnectionAcquire.getConnectionAndClose | - | 1 | ops/s |"),
                "a pooledsqlite/HikariCP ratio row for borrow+return:\n" + markdown);
        Set<String> charts = new TreeSet<>();
        for (Path p : files) {
            if (p.toString().endsWith(".png")) {
                BufferedImage image = ImageIO.read(p.toFile());
                assertTrue(image != null && image.getWidth() > 0, p + " is not a readable PNG");
                charts.add(p.getFileName().toString());
            }
        }
        // one chart per workload; the ceiling joins read-modify-write, interleaved classes get one chart each
        assertEquals(Set.of("AutocommitUpdate-autocommitUpdate.png", "BatchInsert-insertBatch.png",
                "ConnectionAcquire-getConnectionAndClose.png", "HeadToHead.png", "MixedReadWrite-mixed.png",
                "PageCache.png",
                "PointSelect-pointSelect.png", "ReadModifyWrite-readModifyWrite.png", "UserQuery-query.png"),
                charts);
    }
}
