package io.pooledsqlite.examples.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.examples.DqliteNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same cache, unchanged, on a real three-node dqlite cluster on loopback (Debian's
 * {@code dqlite-demo}) reached by URL: only the URL differs from the local-file tests.
 */
class CacheOnDqliteTest {
    @TempDir
    Path dir;

    @Test
    void theCacheRunsOnADqliteClusterByChangingTheUrl() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (DqliteNodes nodes = DqliteNodes.start(dir, 3)) {
                String url = "jdbc:pooledsqlite:" + nodes.target("cache.db") + "?connectionTimeout=30000";
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
            }
        });
    }
}
