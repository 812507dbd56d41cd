package io.pooledsqlite.pool;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, simulated with SQLite's own size limit ({@code max_page_count}), which fails writes with
 * the same SQLITE_FULL a full file system gives, without needing root to mount a small file system.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    @Test
    void theFailingTransactionRollsBackEarlierCommitsStayAndSpaceFreedMakesWritesWorkAgain() throws Exception {
        String url = "jdbc:pooledsqlite:" + dir.resolve("full.db") + "?poolName=full&max_page_count=40"
                + "&journal_mode=DELETE";
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().executeUpdate("create table t(x text)");
        }
        long committed = 0;
        SQLException full = null;
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement insert = c.prepareStatement("insert into t values (printf('%.1000c', 'z'))")) {
            c.setAutoCommit(false);
            while (full == null) {
                try {
                    for (int i = 0; i < 10; i++) {
                        insert.executeUpdate();
                    }
                    c.commit();
                    committed += 10;
                } catch (SQLException e) {
                    full = e;
                    c.rollback();
                }
            }
        }
        assertEquals("53100", full.getSQLState(), full.getMessage());
        assertEquals(13, full.getErrorCode(), "SQLITE_FULL");
        assertTrue(committed > 0);
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(committed, queryLong(c, "select count(*) from t"), "every earlier commit is there");
            c.createStatement().executeUpdate("delete from t where rowid % 2 = 0");
            c.createStatement().executeUpdate("insert into t values ('fits again')");
            assertEquals(1, queryLong(c, "select count(*) from t where x = 'fits again'"));
        }
    }

    @Test
    void anAutoCommitWriteThatDoesNotFitFailsAlone() throws Exception {
        String url = "jdbc:pooledsqlite:" + dir.resolve("full2.db") + "?poolName=full2&max_page_count=8";
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().executeUpdate("create table t(x text)");
            c.createStatement().executeUpdate("insert into t values ('small')");
            SQLException e = assertThrows(SQLException.class,
                    () -> c.createStatement().executeUpdate("insert into t values (printf('%.100000c', 'z'))"));
            assertEquals("53100", e.getSQLState());
            assertEquals(1, queryLong(c, "select count(*) from t"));
        }
    }
}
