package io.pooledsqlite;

import static io.pooledsqlite.Databases.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteOpenMode;

/** The pool's SQLite defaults reach every physical connection; the user's values win. Read back from SQLite. */
class PragmaDefaultsTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    @Test
    void everyPhysicalConnectionRunsWithThePoolsDefaults() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=3");
        List<Connection> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            all.add(DriverManager.getConnection(url));
        }
        for (Connection c : all) {
            assertEquals("wal", queryString(c, "pragma journal_mode"));
            assertEquals("1", queryString(c, "pragma synchronous"), "NORMAL");
            assertEquals("5000", queryString(c, "pragma busy_timeout"));
            assertEquals("2", queryString(c, "pragma temp_store"), "MEMORY");
            assertEquals("-2000", queryString(c, "pragma cache_size"));
            assertEquals("268435456", queryString(c, "pragma mmap_size"));
            c.close();
        }
    }

    @Test
    void theUsersValuesWin() throws Exception {
        String url = Databases.url(dir,
                "journal_mode=DELETE&synchronous=FULL&busy_timeout=1234&temp_store=FILE&cache_size=-100&foreign_keys=true");
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals("delete", queryString(c, "pragma journal_mode"));
            assertEquals("2", queryString(c, "pragma synchronous"));
            assertEquals("1234", queryString(c, "pragma busy_timeout"));
            assertEquals("1", queryString(c, "pragma temp_store"));
            assertEquals("-100", queryString(c, "pragma cache_size"));
            assertEquals("1", queryString(c, "pragma foreign_keys"));
        }
    }

    @Test
    void withoutPragmaDefaultsSqliteAndSqliteJdbcDefaultsStayAndTheFileIsNotSwitchedToWal() throws Exception {
        String url = Databases.url(dir, "pragmaDefaults=false");
        Path file = Path.of(url.substring("jdbc:pooledsqlite:".length(), url.indexOf('?')));
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals("delete", queryString(c, "pragma journal_mode"));
            assertEquals("2", queryString(c, "pragma synchronous"), "FULL, SQLite's own");
            assertEquals("3000", queryString(c, "pragma busy_timeout"), "sqlite-jdbc's own");
            assertEquals("0", queryString(c, "pragma temp_store"));
            assertEquals("0", queryString(c, "pragma mmap_size"));
            c.createStatement().executeUpdate("create table t (x)");
        }
        Databases.closePools(dir);
        try (Connection c = Databases.raw(file)) {
            assertEquals("delete", queryString(c, "pragma journal_mode"));
        }
        assertFalse(Files.exists(Path.of(file + "-wal")));
    }

    @Test
    void withoutPragmaDefaultsTheUsersValuesStillApply() throws Exception {
        String url = Databases.url(dir, "pragmaDefaults=false&journal_mode=TRUNCATE&busy_timeout=1234");
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals("truncate", queryString(c, "pragma journal_mode"));
            assertEquals("1234", queryString(c, "pragma busy_timeout"));
        }
    }

    @Test
    void aReadOnlyOpenKeepsTheFilesJournal() throws Exception {
        String url = Databases.url(dir, "");
        Path file = Path.of(url.substring("jdbc:pooledsqlite:".length(), url.indexOf('?')));
        try (Connection c = Databases.raw(file)) {
            c.createStatement().executeUpdate("create table t (x)");
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("open_mode", Integer.toString(SQLiteOpenMode.READONLY.flag));
        try (Connection c = DriverManager.getConnection(url, readOnly)) {
            assertEquals("delete", queryString(c, "pragma journal_mode"));
            assertEquals("0", queryString(c, "select count(*) from t"));
        }
    }
}
