package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a pool must not change SQLite's process-wide settings. sqlite-jdbc switches SQLite's shared-cache
 * mode for every {@code file:} URI without a {@code cache=} parameter, for the whole process; a pooled
 * {@code :memory:} database must not, or plain connections opened afterwards lock each other's tables
 * ({@code SQLITE_LOCKED_SHAREDCACHE}) where they used not to. Run in a child JVM, since the mode is global.
 */
class ProcessWideStateTest {
    @TempDir
    Path dir;

    @Test
    void aPooledInMemoryDatabaseLeavesSharedCacheModeAsTheProgramSetIt() throws Exception {
        ChildJvm child = ChildJvm.start(SharedCacheProbe.class, List.of(), dir.toString());
        String before = child.await("before: ");
        assertEquals("locked", before, "the program's own shared-cache mode makes a reader wait on a writer");
        assertEquals(before, child.await("after: "), "opening a pooled :memory: changed it for the whole JVM");
        assertEquals(0, child.exitCode());
    }

    /**
     * Turns shared-cache mode on as a program may (sqlite-jdbc does it for a {@code file:} URI opened with
     * {@code shared_cache=true}), then looks at two plain connections on one file before and after opening
     * a pooled {@code :memory:} database.
     */
    public static final class SharedCacheProbe {
        public static void main(String[] args) throws Exception {
            Properties shared = new Properties();
            shared.setProperty("shared_cache", "true");
            try (Connection on = new org.sqlite.JDBC().connect("jdbc:sqlite:file:" + args[0] + "/on.db", shared)) {
                System.out.println("before: " + readerBesideWriter(args[0] + "/before.db"));
                try (Connection memory = DriverManager.getConnection("jdbc:pooledsqlite::memory:")) {
                    memory.createStatement().executeUpdate("CREATE TABLE m(x)");
                }
                System.out.println("after: " + readerBesideWriter(args[0] + "/after.db"));
            }
        }

        /** Plain paths (no {@code file:}), so these connections leave the mode alone themselves. */
        private static String readerBesideWriter(String file) throws SQLException {
            Properties none = new Properties();
            try (Connection writer = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, none);
                 Connection reader = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, none)) {
                try (Statement s = writer.createStatement()) {
                    s.executeUpdate("CREATE TABLE t(x)");
                    s.execute("BEGIN");
                    s.executeUpdate("INSERT INTO t VALUES (1)");
                }
                try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                    return rs.getLong(1) == 0 ? "ok" : "saw uncommitted rows";
                } catch (SQLException e) {
                    return e.getErrorCode() == 6 ? "locked" : "failed: " + e.getMessage();
                } finally {
                    writer.createStatement().execute("ROLLBACK");
                }
            }
        }
    }
}
