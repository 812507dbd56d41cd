package io.pooledsqlite.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.pooledsqlite.Databases;
import io.pooledsqlite.write.Pragmas;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reset of one physical connection on its own, over real sqlite-jdbc connections: what a borrower
 * changed is read back to what a fresh connection has (plain sqlite-jdbc, a new connection to the same
 * file, is the oracle), and the answer is false whenever the connection cannot be made fresh again.
 */
class SessionResetTest {
    /** For every session pragma, a value no fresh sqlite-jdbc connection has. */
    private static final Map<String, String> CHANGED = new TreeMap<>(Map.ofEntries(
            Map.entry("analysis_limit", "100"),
            Map.entry("automatic_index", "0"),
            Map.entry("busy_timeout", "1234"),
            Map.entry("cache_size", "-1000"),
            Map.entry("cache_spill", "0"),
            Map.entry("cell_size_check", "1"),
            Map.entry("checkpoint_fullfsync", "1"),
            Map.entry("count_changes", "1"),
            Map.entry("defer_foreign_keys", "1"),
            Map.entry("empty_result_callbacks", "1"),
            Map.entry("foreign_keys", "1"),
            Map.entry("full_column_names", "1"),
            Map.entry("fullfsync", "1"),
            Map.entry("ignore_check_constraints", "1"),
            Map.entry("journal_mode", "memory"),
            Map.entry("journal_size_limit", "4096"),
            Map.entry("legacy_alter_table", "1"),
            Map.entry("locking_mode", "exclusive"),
            Map.entry("max_page_count", "100000"),
            Map.entry("mmap_size", "65536"),
            Map.entry("query_only", "1"),
            Map.entry("read_uncommitted", "1"),
            Map.entry("recursive_triggers", "1"),
            Map.entry("reverse_unordered_selects", "1"),
            Map.entry("secure_delete", "1"),
            Map.entry("short_column_names", "0"),
            Map.entry("synchronous", "0"),
            Map.entry("temp_store", "2"),
            Map.entry("threads", "2"),
            Map.entry("trusted_schema", "0"),
            Map.entry("wal_autocheckpoint", "10"),
            Map.entry("writable_schema", "1")));

    @TempDir
    Path dir;

    private final List<Connection> opened = new ArrayList<>();

    @AfterEach
    void closeConnections() throws SQLException {
        for (Connection c : opened) {
            c.close();
        }
    }

    private Connection open() throws SQLException {
        return open("db.sqlite");
    }

    private Connection open(String file) throws SQLException {
        Connection c = Databases.raw(dir.resolve(file));
        opened.add(c);
        return c;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        return Databases.queryString(c, "PRAGMA " + name);
    }

    /** The value a fresh plain sqlite-jdbc connection to the same file has: the oracle. */
    private String fresh(String name) throws SQLException {
        try (Connection oracle = Databases.raw(dir.resolve("db.sqlite"))) {
            return pragma(oracle, name);
        }
    }

    private static boolean likeIgnoresCase(Connection c) throws SQLException {
        return Databases.queryLong(c, "SELECT 'a' LIKE 'A'") == 1;
    }

    static Stream<String> sessionPragmas() {
        return Pragmas.SESSION.stream().sorted();
    }

    @Test
    void everySessionPragmaHasAChangedValueHere() {
        assertEquals(Pragmas.SESSION, CHANGED.keySet());
    }

    @ParameterizedTest(name = "PRAGMA {0}")
    @MethodSource("sessionPragmas")
    void aSessionPragmaABorrowerChangedIsSetBackToTheFreshValue(String name) throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");
        execute(c, "PRAGMA " + name + " = " + CHANGED.get(name));
        // count_changes: deprecated, a no-op in sqlite-jdbc's build (it reads 0 whatever it is set to);
        // defer_foreign_keys: SQLite itself turns it off at the end of every transaction, autocommit ones too
        assumeFalse(name.equals("count_changes") || name.equals("defer_foreign_keys"), "does not outlive the statement");
        assertNotEquals(fresh(name), pragma(c, name), "the change took");

        assertTrue(reset.restore(c, List.of(name), false, false));

        assertEquals(fresh(name), pragma(c, name));
    }

    @Test
    void aPragmaLeftAsItWasIsRestoredWithoutChange() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");

        assertTrue(reset.restore(c, List.of("foreign_keys", "cache_size"), false, false));

        assertEquals(fresh("foreign_keys"), pragma(c, "foreign_keys"));
        assertEquals(fresh("cache_size"), pragma(c, "cache_size"));
    }

    @Test
    void onlyThePragmasNamedAreRestored() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");
        execute(c, "PRAGMA foreign_keys = 1");
        execute(c, "PRAGMA cache_size = -1000");

        assertTrue(reset.restore(c, List.of("foreign_keys"), false, false));

        assertEquals(fresh("foreign_keys"), pragma(c, "foreign_keys"));
        assertEquals("-1000", pragma(c, "cache_size"), "not named: the borrower did not touch it");
    }

    @Test
    void allRestoresEverySessionPragmaAtOnce() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");
        for (Map.Entry<String, String> change : CHANGED.entrySet()) {
            execute(c, "PRAGMA " + change.getKey() + " = " + change.getValue());
        }

        assertTrue(reset.restore(c, List.of(), true, false));

        Map<String, String> now = new TreeMap<>();
        Map<String, String> oracle = new TreeMap<>();
        for (String name : Pragmas.SESSION) {
            now.put(name, pragma(c, name));
            oracle.put(name, fresh(name));
        }
        assertEquals(oracle, now);
    }

    @Test
    void allSetsCaseSensitiveLikeBackToThePoolsSetting() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");
        execute(c, "PRAGMA case_sensitive_like = true");
        assertFalse(likeIgnoresCase(c));

        assertTrue(reset.restore(c, List.of(), true, false));

        assertTrue(likeIgnoresCase(c));
    }

    @Test
    void caseSensitiveLikeIsSetToThePoolsValueNotSqlitesDefault() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "true");

        assertTrue(reset.restore(c, List.of(), true, false));

        assertFalse(likeIgnoresCase(c));
    }

    @Test
    void caseSensitiveLikeNamedOnItsOwnIsRestoredThoughItCannotBeRead() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");
        execute(c, "PRAGMA case_sensitive_like = true");

        assertTrue(reset.restore(c, List.of("case_sensitive_like"), false, false));

        assertTrue(likeIgnoresCase(c));
    }

    @Test
    void aNameThatIsNotACapturedPragmaCannotBeRestored() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");

        assertFalse(reset.restore(c, List.of("user_version"), false, false));
        assertFalse(reset.restore(c, List.of("no_such_pragma"), false, false));
    }

    @Test
    void aPragmaThatDoesNotReadBackAsFreshMeansTheConnectionIsReplaced() throws SQLException {
        // fresh with a limit of 5 pages; meanwhile another connection grows the file past it, and SQLite
        // clamps the limit to the file's size: the fresh value cannot be set again
        Connection c = open();
        execute(c, "PRAGMA max_page_count = 5");
        SessionReset reset = SessionReset.capture(c, "false");
        execute(c, "PRAGMA max_page_count = 100000");
        Connection other = open();
        execute(other, "CREATE TABLE t(x)");
        execute(other, "INSERT INTO t SELECT randomblob(1000) FROM "
                + "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) SELECT i FROM n)");

        assertFalse(reset.restore(c, List.of("max_page_count"), false, false));
        assertNotEquals("5", pragma(c, "max_page_count"));
    }

    @Test
    void aPragmaThatCannotBeRestoredStopsTheRestoreOfTheOthers() throws SQLException {
        Connection c = open();
        execute(c, "PRAGMA max_page_count = 5");
        SessionReset reset = SessionReset.capture(c, "false");
        execute(c, "PRAGMA max_page_count = 100000");
        Connection other = open();
        execute(other, "CREATE TABLE t(x)");
        execute(other, "INSERT INTO t SELECT randomblob(1000) FROM "
                + "(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) SELECT i FROM n)");
        execute(c, "PRAGMA foreign_keys = 1");

        assertFalse(reset.restore(c, List.of("max_page_count", "foreign_keys"), false, false));
        assertFalse(reset.restore(c, List.of(), true, false));
    }

    @Test
    void anExclusiveLockIsGivenUpSoAnotherConnectionCanWrite() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");
        execute(c, "PRAGMA locking_mode = EXCLUSIVE");
        execute(c, "CREATE TABLE t(x)");
        Connection other = open();
        execute(other, "PRAGMA busy_timeout = 0");
        assertThrows(SQLException.class, () -> execute(other, "INSERT INTO t VALUES (1)"), "held exclusively");

        assertTrue(reset.restore(c, List.of("locking_mode"), false, false));

        execute(other, "INSERT INTO t VALUES (1)");
        assertEquals(1, Databases.queryLong(c, "SELECT count(*) FROM t"));
    }

    @Test
    void aTempObjectIsFoundWhenTheSchemaIsChecked() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");
        execute(c, "CREATE TEMP TABLE scratch(x)");

        assertFalse(reset.restore(c, List.of(), false, true));
        assertFalse(reset.restore(c, List.of(), true, false), "all checks the schema too");
        assertTrue(reset.restore(c, List.of(), false, false), "not checked unless asked");
    }

    @Test
    void anAttachedDatabaseIsFoundWhenTheSchemaIsChecked() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");
        execute(c, "ATTACH DATABASE '" + dir.resolve("other.sqlite") + "' AS other");

        assertFalse(reset.restore(c, List.of(), false, true));
        assertFalse(reset.restore(c, List.of(), true, false), "all checks the schema too");
        assertTrue(reset.restore(c, List.of(), false, false), "not checked unless asked");
    }

    @Test
    void aCleanSchemaPassesTheCheck() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");
        execute(c, "CREATE TABLE t(x)");
        execute(c, "CREATE TEMP TABLE scratch(x)");
        execute(c, "DROP TABLE scratch");

        assertTrue(reset.restore(c, List.of(), false, true));
        assertTrue(reset.restore(c, List.of(), true, false));
        assertTrue(reset.restore(c, List.of(), true, true));
    }

    @Test
    void aConnectionThatFailsDuringTheRestoreIsReplaced() throws SQLException {
        Connection c = open();
        SessionReset reset = SessionReset.capture(c, "false");
        c.close();

        assertFalse(reset.restore(c, List.of(), false, false));
    }

    @Test
    void aPragmaLeftAsItWasIsRestoredWithoutWaitingForTheDatabase() throws SQLException {
        // setting it again would read the file (locking_mode does, to give up an exclusive lock): here a
        // writer holds the file exclusively, and a connection that does not wait would fail
        Connection c = open();
        execute(c, "PRAGMA busy_timeout = 0");
        SessionReset reset = SessionReset.capture(c, "false");
        Connection writer = open();
        execute(writer, "PRAGMA locking_mode = EXCLUSIVE");
        execute(writer, "CREATE TABLE t(x)");
        assertThrows(SQLException.class, () -> Databases.queryString(c, "SELECT count(*) FROM sqlite_master"),
                "the file is held");

        assertTrue(reset.restore(c, List.of("locking_mode", "busy_timeout"), false, false));
    }
}
