package io.pooledsqlite.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13, "Settings": what the URL accepts and how a bad one is refused. */
class SettingsTest {
    private static final AtomicInteger POOLS = new AtomicInteger();

    @TempDir
    Path dir;

    private String url(String keys) {
        String name = "settings-" + POOLS.incrementAndGet();
        return "jdbc:pooledsqlite:" + dir.resolve(name + ".db") + "?poolName=" + name + "&" + keys;
    }

    /** Borrows once from a data source for the URL and closes its pool. */
    private static void borrowOnce(String url) throws SQLException {
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource(url); Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("CREATE TABLE t(x)");
        }
    }

    @Test
    void userAndPasswordInTheUrlAreAccepted() throws Exception {
        borrowOnce(url("user=sa&password=secret"));
    }

    @Test
    void userAndPassInTheUrlAreAccepted() throws Exception {
        borrowOnce(url("user=sa&pass=secret"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cache_size", "maxPoolSize", "journal_mode"})
    void aKeyGivenTwiceIsAnErrorNamingIt(String key) {
        String value = key.equals("journal_mode") ? "WAL" : "4";
        SQLException e = assertThrows(SQLException.class,
                () -> borrowOnce(url(key + "=" + value + "&" + key + "=" + value)));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertNotNull(e.getSQLState(), "a SQLState says what was wrong");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cache_size", "mmap_size", "page_size", "wal_autocheckpoint"})
    void aNumericSqliteKeyWithTextIsRefusedNamingTheKey(String key) {
        SQLException e = assertThrows(SQLException.class, () -> borrowOnce(url(key + "=abc")));
        assertEquals("HY024", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void aDirectoryIsRefusedAsADirectory() throws Exception {
        Path d = Files.createDirectory(dir.resolve("a-directory"));
        SQLException e = assertThrows(SQLException.class,
                () -> borrowOnce("jdbc:pooledsqlite:" + d + "?poolName=settings-dir"));
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("directory"), e.getMessage());
        assertNotNull(e.getSQLState());
    }
}
