package io.pooledsqlite.examples.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pooledsqlite.PooledSqliteDataSource;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same cache, unchanged, on a real dqlite node (Debian's {@code dqlite-demo}) reached by URL: only
 * the URL differs from the local-file tests.
 */
class CacheOnDqliteTest {
    private static final String DEMO = "/usr/bin/dqlite-demo";

    @TempDir
    Path dir;

    @Test
    void theCacheRunsOnADqliteNodeByChangingTheUrl() {
        assumeTrue(new File(DEMO).canExecute(), DEMO + " is not installed (apt-get install go-dqlite)");
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            String db = "127.0.0.1:" + freePort();
            Process node = new ProcessBuilder(DEMO, "-a", "127.0.0.1:" + freePort(), "-d", db, "-D", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
            try {
                // connectionTimeout covers the node's start: the client keeps looking for a leader until then
                String url = "jdbc:pooledsqlite:dqlite://" + db + "/cache.db?connectionTimeout=30000";
                RecordingListener listener = new RecordingListener();
                try (PooledSqliteDataSource dataSource = new PooledSqliteDataSource(url)) {
                    CacheManager cache = CacheManager.builder(dataSource).memoryCapacity(1).diskCapacity(2).build();
                    cache.addListener(listener);
                    assertEquals("dqlite", dataSource.getPoolMXBean().getEngine());

                    cache.set("a", "1");
                    cache.set("b", "2");
                    assertEquals(Optional.of("1"), cache.get("a"));
                    cache.set("c", "3");
                    cache.delete("c");

                    assertEquals(List.of("set a", "evict MEMORY a", "set b", "evict MEMORY b", "evict MEMORY a",
                            "evict DISK b", "set c", "delete c"), listener.events);
                    assertEquals(new CacheStats(0, 1, 1, 0, 3, 1, 0), cache.stats());
                }
                try (PooledSqliteDataSource reopened = new PooledSqliteDataSource(url)) {
                    CacheManager cache = CacheManager.builder(reopened).memoryCapacity(1).diskCapacity(2).build();
                    assertEquals(Optional.of("1"), cache.get("a"));
                    assertEquals(1, cache.stats().diskHits());
                }
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
