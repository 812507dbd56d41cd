package io.pooledsqlite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDriver;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer is optional: a JVM with only the driver and sqlite-jdbc on its class path borrows connections,
 * gets a clear error for {@code metrics=true}, and never loads the class that names Micrometer types.
 */
class WithoutMicrometerTest {
    @TempDir
    Path dir;

    @Test
    void theDriverWorksWithoutMicrometerAndSaysWhatIsMissingWhenMetricsAreAskedFor() throws Exception {
        Path mainDir = dir.resolve("main");
        copyClass(NoMicrometerMain.class, mainDir);
        String classPath = String.join(File.pathSeparator, location(PooledSqliteDriver.class),
                location(org.sqlite.JDBC.class), mainDir.toString());
        assertFalse(classPath.contains("micrometer"), classPath);
        Path classLog = dir.resolve("classes.log");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process child = new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog,
                "-cp", classPath,
                NoMicrometerMain.class.getName(), dir.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("child JVM did not finish in 60 s: " + Files.readString(out));
        }
        String output = Files.readString(out) + "\n(stderr)\n" + Files.readString(err);
        assertEquals(0, child.exitValue(), output);
        List<String> lines = Files.readAllLines(out);

        assertTrue(lines.contains("plain: 1"), output);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("metrics=true: HY024 ")
                && l.contains("io.micrometer:micrometer-core")), output);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("setMeterRegistry: ")
                && l.contains("Micrometer (io.micrometer:micrometer-core) is not on the class path")), output);
        assertTrue(lines.contains("data source: 2"), output);
        assertTrue(lines.contains("metered again without metrics: 1"), output);

        String loaded = Files.readString(classLog);
        assertTrue(loaded.contains("io.pooledsqlite.pool.ConnectionPool "), "the log lists loaded classes");
        assertFalse(loaded.contains("MicrometerPoolMetrics"), "MicrometerPoolMetrics was loaded");
        assertFalse(loaded.contains("io.micrometer"), "a Micrometer class was loaded");
    }

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void copyClass(Class<?> c, Path root) throws Exception {
        String resource = c.getName().replace('.', '/') + ".class";
        Path target = root.resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
