package io.pooledsqlite.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo workload, unchanged, on a real dqlite node (Debian's {@code dqlite-demo}) named by URL. */
class DemoOnDqliteTest {
    private static final String DQLITE_DEMO = "/usr/bin/dqlite-demo";

    @TempDir
    Path dir;

    @Test
    void theWorkloadCommitsWithoutErrorsOrLostUpdatesOnDqlite() {
        assumeTrue(new File(DQLITE_DEMO).canExecute(), DQLITE_DEMO + " is not installed (apt-get install go-dqlite)");
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            String db = "127.0.0.1:" + freePort();
            Process node = new ProcessBuilder(DQLITE_DEMO, "-a", "127.0.0.1:" + freePort(), "-d", db, "-D",
                    dir.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                Demo.Result result;
                try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                    result = new Demo("dqlite://" + db + "/demo.db", Duration.ofSeconds(2), out).run();
                }
                String report = bytes.toString(StandardCharsets.UTF_8);
                assertEquals(0, result.errors(), report);
                assertTrue(result.commits() > 0, report);
                assertTrue(result.reads() > 0, report);
                assertEquals(result.commits(), result.balanceSum(), report);
                for (String line : List.of("engine                         dqlite",
                        "journal_mode                   wal",
                        "OK: no errors, no lost updates")) {
                    assertTrue(report.contains(line), "missing '" + line + "' in\n" + report);
                }
                System.out.println(report);
            } finally {
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
        });
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
