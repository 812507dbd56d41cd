package io.pooledsqlite.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.examples.DqliteNodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo workload, unchanged, on a real three-node dqlite cluster on loopback, named by URL. */
class DemoOnDqliteTest {
    @TempDir
    Path dir;

    @Test
    void theWorkloadCommitsWithoutErrorsOrLostUpdatesOnDqlite() {
        assertTimeoutPreemptively(Duration.ofSeconds(150), () -> {
            try (DqliteNodes nodes = DqliteNodes.start(dir, 3)) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                Demo.Result result;
                try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                    result = new Demo(nodes.target("demo.db"), Duration.ofSeconds(2), out).run();
                }
                String report = bytes.toString(StandardCharsets.UTF_8);
                assertEquals(0, result.errors(), report);
                assertTrue(result.commits() > 0, report);
                assertTrue(result.reads() > 0, report);
                assertEquals(result.commits(), result.balanceSum(), report);
                for (String line : List.of("engine                         dqlite",
                        "journal_mode                   wal", "OK: no errors, no lost updates")) {
                    assertTrue(report.contains(line), "missing '" + line + "' in\n" + report);
                }
                System.out.println(report);
            }
        });
    }
}
