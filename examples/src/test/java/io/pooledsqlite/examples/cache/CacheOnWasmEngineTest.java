package io.pooledsqlite.examples.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same cache on the pure-Java (WebAssembly) engine, which needs no native library. */
class CacheOnWasmEngineTest {

    @TempDir
    Path dir;

    private PooledSqliteDataSource wasmDataSource(Path file) {
        PooledSqliteDataSource dataSource = new PooledSqliteDataSource("jdbc:pooledsqlite:" + file);
        dataSource.setProperty("engine", "wasm");
        return dataSource;
    }

    @Test
    void theCacheRunsOnTheWasmEngineAndItsEntriesReachTheFile() throws SQLException {
        Path file = dir.resolve("wasm-cache.db");
        RecordingListener listener = new RecordingListener();
        try (PooledSqliteDataSource dataSource = wasmDataSource(file)) {
            CacheManager cache = CacheManager.builder(dataSource).memoryCapacity(1).diskCapacity(2).build();
            cache.addListener(listener);
            assertEquals("wasm", dataSource.getPoolMXBean().getEngine());

            cache.set("a", "1");
            cache.set("b", "2");
            assertEquals(Optional.of("1"), cache.get("a"));
            cache.set("c", "3");
            cache.delete("c");

            assertEquals(List.of("set a", "evict MEMORY a", "set b", "evict MEMORY b", "evict MEMORY a",
                    "evict DISK b", "set c", "delete c"), listener.events);
            assertEquals(new CacheStats(0, 1, 1, 0, 3, 1, 0), cache.stats());
        }

        assertEquals(List.of("a=1"), rowsReadWithPlainSqliteJdbc(file));

        try (PooledSqliteDataSource reopened = wasmDataSource(file)) {
            CacheManager cache = CacheManager.builder(reopened).memoryCapacity(1).diskCapacity(2).build();
            assertEquals(Optional.of("1"), cache.get("a"));
            assertEquals(1, cache.stats().diskHits());
        }
    }

    private static List<String> rowsReadWithPlainSqliteJdbc(Path file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT key, value FROM cache_entries ORDER BY key")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "=" + rs.getString(2));
            }
        }
        return rows;
    }
}
