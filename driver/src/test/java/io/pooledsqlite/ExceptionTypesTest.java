package io.pooledsqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sqlite-jdbc's own JDBC exception types survive error translation: a failed batch is still a
 * {@code BatchUpdateException} with its update counts, an unsupported feature still a
 * {@code SQLFeatureNotSupportedException}. Plain sqlite-jdbc on another file is the oracle.
 */
class ExceptionTypesTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    private static BatchUpdateException failingBatch(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("create table t (x unique)");
            s.addBatch("insert into t values (1)");
            s.addBatch("insert into t values (1)");
            return assertThrows(BatchUpdateException.class, s::executeBatch);
        }
    }

    private static SQLFeatureNotSupportedException unsupported(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("select 1")) {
            rows.next();
            return assertThrows(SQLFeatureNotSupportedException.class, () -> rows.getArray(1));
        }
    }

    @Test
    void aFailedBatchIsABatchUpdateExceptionWithSqliteJdbcsUpdateCounts() throws SQLException {
        BatchUpdateException plain;
        try (Connection c = Databases.raw(dir.resolve("plain.db"))) {
            plain = failingBatch(c);
        }
        try (Connection c = DriverManager.getConnection(Databases.url(dir, ""))) {
            BatchUpdateException pooled = failingBatch(c);
            assertArrayEquals(plain.getUpdateCounts(), pooled.getUpdateCounts());
            assertEquals(plain.getMessage(), pooled.getMessage());
            assertEquals("HY000", pooled.getSQLState());
        }
    }

    @Test
    void anUnsupportedFeatureIsASqlFeatureNotSupportedException() throws SQLException {
        SQLFeatureNotSupportedException plain;
        try (Connection c = Databases.raw(dir.resolve("plain.db"))) {
            plain = unsupported(c);
        }
        try (Connection c = DriverManager.getConnection(Databases.url(dir, ""))) {
            SQLFeatureNotSupportedException pooled = unsupported(c);
            assertEquals(plain.getMessage(), pooled.getMessage());
            assertEquals("0A000", pooled.getSQLState());
        }
    }
}
