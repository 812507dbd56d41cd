package io.pooledsqlite.examples.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheManagerTest {

    @TempDir
    Path dir;

    private PooledSqliteDataSource dataSource;
    private final ManualClock clock = new ManualClock();
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void openPool() {
        dataSource = newDataSource();
    }

    @AfterEach
    void closePool() {
        dataSource.close();
    }

    private PooledSqliteDataSource newDataSource() {
        return new PooledSqliteDataSource("jdbc:pooledsqlite:" + dir.resolve("cache.db"));
    }

    private CacheManager cache(int memoryCapacity, int diskCapacity) throws SQLException {
        CacheManager cache = CacheManager.builder(dataSource).memoryCapacity(memoryCapacity)
                .diskCapacity(diskCapacity).clock(clock).build();
        cache.addListener(listener);
        return cache;
    }

    @Test
    void aValueJustSetIsServedFromMemory() throws SQLException {
        CacheManager cache = cache(10, 100);

        cache.set("greeting", "hello");

        assertEquals(Optional.of("hello"), cache.get("greeting"));
        assertEquals(new CacheStats(1, 0, 0, 0, 0, 0, 0), cache.stats());
        assertEquals(List.of("set greeting"), listener.events);
    }

    @Test
    void anUnknownKeyMissesBothLevels() throws SQLException {
        CacheManager cache = cache(10, 100);

        assertEquals(Optional.empty(), cache.get("nobody"));
        assertEquals(new CacheStats(0, 1, 0, 1, 0, 0, 0), cache.stats());
    }

    @Test
    void settingAKeyAgainReplacesItsValueInBothLevels() throws SQLException {
        CacheManager cache = cache(10, 100);
        cache.set("k", "old");

        cache.set("k", "new");

        assertEquals(Optional.of("new"), cache.get("k"));
        assertEquals(1, cache.diskSize());
        assertEquals("new", storedValue("k"));
    }

    @Test
    void anEntryEvictedFromMemoryIsStillOnDiskAndIsPromotedWhenRead() throws SQLException {
        CacheManager cache = cache(2, 100);
        cache.set("a", "1");
        cache.set("b", "2");

        cache.set("c", "3");

        assertEquals(List.of("set a", "set b", "evict MEMORY a", "set c"), listener.events);
        assertEquals(2, cache.memorySize());
        assertEquals(3, cache.diskSize());

        assertEquals(Optional.of("1"), cache.get("a")); // disk hit, promoted, pushes out b
        assertEquals(Optional.of("1"), cache.get("a")); // now a memory hit
        assertEquals(new CacheStats(1, 1, 1, 0, 2, 0, 0), cache.stats());
        assertEquals("evict MEMORY b", listener.events.get(listener.events.size() - 1));
    }

    @Test
    void memoryEvictsTheLeastRecentlyUsedEntryNotTheOldest() throws SQLException {
        CacheManager cache = cache(2, 100);
        cache.set("a", "1");
        cache.set("b", "2");
        cache.get("a");

        cache.set("c", "3");

        assertTrue(listener.events.contains("evict MEMORY b"), listener.events::toString);
        cache.get("a");
        assertEquals(2, cache.stats().memoryHits());
    }

    @Test
    void theTableEvictsItsLeastRecentlyUsedEntry() throws SQLException {
        CacheManager cache = cache(1, 3);
        cache.set("a", "1");
        cache.set("b", "2");
        cache.set("c", "3");
        cache.get("a"); // read from disk: now the most recently used entry there

        cache.set("d", "4");

        assertTrue(listener.events.contains("evict DISK b"), listener.events::toString);
        assertEquals(3, cache.diskSize());
        assertEquals(Optional.empty(), cache.get("b"));
        assertEquals(Optional.of("1"), cache.get("a"));
        assertEquals(Optional.of("3"), cache.get("c"));
        assertEquals(1, cache.stats().diskEvictions());
    }

    @Test
    void aKeyKeptHotInMemoryIsNotEvictedFromTheTable() throws SQLException {
        CacheManager cache = cache(2, 2);
        cache.set("hot", "1");
        cache.set("cold", "2");
        cache.get("hot"); // a memory hit: the table's recency for hot is still the oldest

        cache.set("new", "3");

        assertEquals(List.of("set hot", "set cold", "evict MEMORY cold", "evict DISK cold", "set new"),
                listener.events);
        assertEquals(Optional.of("1"), cache.get("hot"));
        assertEquals(2, cache.stats().memoryHits());
    }

    @Test
    void equalCapacitiesStillFindADiskVictim() throws SQLException {
        CacheManager cache = cache(2, 2);
        cache.set("a", "1");
        cache.set("b", "2");

        cache.set("c", "3");

        assertEquals(2, cache.diskSize());
        assertEquals(2, cache.memorySize());
        assertTrue(listener.events.contains("evict DISK a"), listener.events::toString);
        assertEquals(Optional.empty(), cache.get("a"));
    }

    @Test
    void anEntryExpiresWhenItsTimeToLiveHasPassed() throws SQLException {
        CacheManager cache = cache(10, 100);
        cache.set("session", "s1", Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(9));
        assertEquals(Optional.of("s1"), cache.get("session"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), cache.get("session"));

        assertEquals(List.of("set session", "expire session"), listener.events);
        assertEquals(0, cache.diskSize());
        assertEquals(0, cache.memorySize());
        assertEquals(new CacheStats(1, 1, 0, 1, 0, 0, 1), cache.stats());
    }

    @Test
    void theDefaultTimeToLiveAppliesToEntriesSetWithoutOne() throws SQLException {
        CacheManager cache = CacheManager.builder(dataSource).defaultTtl(Duration.ofMinutes(1)).clock(clock).build();
        cache.set("short", "x");
        cache.set("forever", "y", Duration.ZERO);

        clock.advance(Duration.ofMinutes(1));

        assertEquals(Optional.empty(), cache.get("short"));
        assertEquals(Optional.of("y"), cache.get("forever"));
    }

    @Test
    void aFullTableDropsExpiredEntriesBeforeLiveOnes() throws SQLException {
        CacheManager cache = cache(1, 2);
        cache.set("live", "1");
        cache.set("doomed", "2", Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(5));

        cache.set("new", "3");

        assertTrue(listener.events.contains("expire doomed"), listener.events::toString);
        assertFalse(listener.events.stream().anyMatch(e -> e.startsWith("evict DISK")), listener.events::toString);
        assertEquals(Optional.of("1"), cache.get("live"));
    }

    @Test
    void purgeExpiredRemovesEveryExpiredEntryAndReportsEach() throws SQLException {
        CacheManager cache = cache(10, 100);
        cache.set("a", "1", Duration.ofSeconds(1));
        cache.set("b", "2", Duration.ofSeconds(1));
        cache.set("c", "3", Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(2));

        assertEquals(2, cache.purgeExpired());

        assertEquals(1, cache.diskSize());
        assertEquals(1, cache.memorySize());
        assertTrue(listener.events.containsAll(List.of("expire a", "expire b")), listener.events::toString);
        assertEquals(2, cache.stats().expirations());
    }

    @Test
    void deleteRemovesAKeyFromBothLevelsAndReportsIt() throws SQLException {
        CacheManager cache = cache(10, 100);
        cache.set("k", "v");

        assertTrue(cache.delete("k"));
        assertFalse(cache.delete("k"));

        assertEquals(Optional.empty(), cache.get("k"));
        assertEquals(List.of("set k", "delete k"), listener.events);
        assertEquals(new CacheStats(0, 1, 0, 1, 0, 0, 0), cache.stats());
    }

    @Test
    void clearEmptiesBothLevels() throws SQLException {
        CacheManager cache = cache(10, 100);
        cache.set("a", "1");
        cache.set("b", "2");

        cache.clear();

        assertEquals(0, cache.memorySize());
        assertEquals(0, cache.diskSize());
        assertEquals(Optional.empty(), cache.get("a"));
    }

    @Test
    void entriesSurviveARestartAndComeBackFromDisk() throws SQLException {
        CacheManager before = cache(10, 100);
        before.set("config", "v42");
        dataSource.close();

        dataSource = newDataSource();
        CacheManager after = cache(10, 100);

        assertEquals(Optional.of("v42"), after.get("config"));
        assertEquals(new CacheStats(0, 1, 1, 0, 0, 0, 0), after.stats());
    }

    @Test
    void recencySurvivesARestartSoTheRightEntryIsEvicted() throws SQLException {
        CacheManager before = cache(1, 2);
        before.set("old", "1");
        before.set("recent", "2");
        dataSource.close();

        dataSource = newDataSource();
        CacheManager after = cache(1, 2);
        after.set("newest", "3");

        assertTrue(listener.events.contains("evict DISK old"), listener.events::toString);
        assertEquals(Optional.of("2"), after.get("recent"));
    }

    @Test
    void aFailingListenerDoesNotStopTheCacheOrOtherListeners() throws SQLException {
        CacheManager cache = cache(10, 100);
        cache.addListener(new CacheListener() {
            @Override
            public void onSet(String key) {
                throw new IllegalStateException("listener bug");
            }
        });
        RecordingListener second = new RecordingListener();
        cache.addListener(second);

        cache.set("k", "v");

        assertEquals(List.of("set k"), second.events);
        assertEquals(Optional.of("v"), cache.get("k"));
    }

    @Test
    void listenersMayCallBackIntoTheCache() throws SQLException {
        CacheManager cache = cache(10, 100);
        List<Optional<String>> seen = new ArrayList<>();
        cache.addListener(new CacheListener() {
            @Override
            public void onSet(String key) {
                try {
                    seen.add(cache.get(key));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        cache.set("k", "v");

        assertEquals(List.of(Optional.of("v")), seen);
    }

    @Test
    void threadsSharingTheCacheNeverSeeAnotherThreadsValue() throws Exception {
        CacheManager cache = cache(50, 10_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String prefix = "t" + t + "-";
                results.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 200; i++) {
                        cache.set(prefix + i, prefix + "value-" + i);
                        if (!cache.get(prefix + (i / 2)).equals(Optional.of(prefix + "value-" + (i / 2)))) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(0, result.get());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(800, cache.diskSize());
        assertEquals(50, cache.memorySize());
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        IllegalArgumentException capacity = assertThrows(IllegalArgumentException.class,
                () -> CacheManager.builder(dataSource).memoryCapacity(10).diskCapacity(5).build());
        assertEquals("disk capacity (5) must be at least the memory capacity (10)", capacity.getMessage());

        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> CacheManager.builder(dataSource).table("x; DROP TABLE y").build());
        assertTrue(table.getMessage().contains("'x; DROP TABLE y'"), table.getMessage());

        assertThrows(IllegalArgumentException.class,
                () -> CacheManager.builder(dataSource).build().set("k", "v", Duration.ofSeconds(-1)));
    }

    private String storedValue(String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM cache_entries WHERE key = '" + key + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
