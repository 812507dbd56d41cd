package io.pooledsqlite.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** How the pool reads SQLite's errors: result codes, busy detection, and the exceptions it makes itself. */
class SqliteErrorsTest {
    @TempDir
    Path dir;

    /** SQLite's own SQLITE_BUSY: a second plain sqlite-jdbc connection writes while the first holds the lock. */
    private SQLiteException realBusyError() throws SQLException {
        Path file = dir.resolve("busy.db");
        try (Connection holder = Databases.raw(file); Statement s = holder.createStatement()) {
            s.execute("create table t(x)");
            s.execute("begin immediate");
            s.execute("insert into t values (1)");
            Properties noWait = new Properties();
            noWait.setProperty("busy_timeout", "0");
            try (Connection writer = new JDBC().connect("jdbc:sqlite:" + file, noWait);
                 Statement w = writer.createStatement()) {
                return assertThrows(SQLiteException.class, () -> w.execute("insert into t values (2)"));
            } finally {
                s.execute("rollback");
            }
        }
    }

    @Test
    void sqlitesBusyErrorIsBusyBeforeAndAfterTranslation() throws Exception {
        SQLiteException busy = realBusyError();
        assertEquals(SqliteErrors.BUSY, SqliteErrors.resultCode(busy));
        assertTrue(SqliteErrors.isBusy(busy));
        SQLException translated = SqliteErrors.translate(busy);
        assertInstanceOf(SQLTransientException.class, translated);
        assertEquals("HYT00", translated.getSQLState());
        assertEquals(SqliteErrors.BUSY, SqliteErrors.resultCode(translated), "read from the cause");
        assertTrue(SqliteErrors.isBusy(translated), "a translated busy error is still retried");
    }

    @Test
    void busyAndLockedInEveryExtendedFormAreBusy() {
        SQLiteErrorCode[] busy = {SQLiteErrorCode.SQLITE_BUSY, SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT,
            SQLiteErrorCode.SQLITE_BUSY_RECOVERY, SQLiteErrorCode.SQLITE_LOCKED, SQLiteErrorCode.SQLITE_LOCKED_SHAREDCACHE};
        for (SQLiteErrorCode code : busy) {
            assertTrue(SqliteErrors.isBusy(new SQLiteException(code.message, code)), code.name());
        }
        assertEquals(SqliteErrors.BUSY,
                SqliteErrors.resultCode(new SQLiteException("", SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT)),
                "the primary code of an extended one");
    }

    @Test
    void otherErrorsAreNotBusy() throws Exception {
        assertFalse(SqliteErrors.isBusy(new SQLiteException("", SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)));
        assertFalse(SqliteErrors.isBusy(new SQLiteException("", SQLiteErrorCode.SQLITE_READONLY)));
        assertFalse(SqliteErrors.isBusy(new SQLException("no SQLite error", "HY000", SqliteErrors.BUSY)),
                "an error code of 5 outside SQLite says nothing");
        SQLException wrapped = new SQLException("wrapper", new SQLiteException("", SQLiteErrorCode.SQLITE_ERROR));
        assertFalse(SqliteErrors.isBusy(wrapped));
    }

    @Test
    void theResultCodeIsTheExceptionsOwnOrElseItsCausesOrMinusOne() {
        assertEquals(-1, SqliteErrors.resultCode(new SQLException("not from SQLite")));
        assertEquals(-1, SqliteErrors.resultCode(new SQLException("wrapper", new SQLException("neither"))));
        assertEquals(19, SqliteErrors.resultCode(new SQLException("wrapper",
                new SQLiteException("", SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL))));
        SQLiteException ok = new SQLiteException("", SQLiteErrorCode.SQLITE_OK);
        ok.initCause(new SQLiteException("", SQLiteErrorCode.SQLITE_BUSY));
        assertEquals(0, SqliteErrors.resultCode(ok), "SQLite's own code, SQLITE_OK included, wins over the cause's");
    }

    @Test
    void anExceptionThatHasASqlStateIsKeptAsItIs() {
        SQLException mine = new SQLIntegrityConstraintViolationException("dup", "23505", 2067);
        assertSame(mine, SqliteErrors.translate(mine));
    }

    @Test
    void anErrorNotFromSqliteKeepsItsMessageAndErrorCodeAndGetsTheGeneralState() {
        SQLException plain = new SQLException("driver trouble", null, 42);
        SQLException t = SqliteErrors.translate(plain);
        assertEquals(SQLException.class, t.getClass());
        assertEquals("HY000", t.getSQLState());
        assertEquals(42, t.getErrorCode());
        assertEquals("driver trouble", t.getMessage());
        assertSame(plain, t.getCause());
    }

    @Test
    void aSqliteErrorWithoutAMessageIsTranslatedToo() {
        SQLException t = SqliteErrors.translate(new SQLiteException(null, SQLiteErrorCode.SQLITE_ERROR));
        assertEquals("HY000", t.getSQLState());
        assertEquals(1, t.getErrorCode());
        assertNull(t.getMessage());
    }

    @Test
    void thePoolsOwnBusyErrorLooksLikeSqlitesWithTheReason() {
        SQLException busy = SqliteErrors.busy("waited 250 ms for the write lock of a.db");
        assertInstanceOf(SQLTransientException.class, busy);
        assertEquals("HYT00", busy.getSQLState());
        assertEquals(SqliteErrors.BUSY, busy.getErrorCode());
        assertEquals("[SQLITE_BUSY] The database file is locked (database is locked: waited 250 ms for the write"
                + " lock of a.db)", busy.getMessage());
    }

    @Test
    void untranslatedThePoolsBusyErrorIsTheOneSqliteJdbcThrows() throws Exception {
        SQLiteException sqlites = realBusyError();
        SQLException poolsOwn = SqliteErrors.busy("waited 0 ms");
        SQLException e = SqliteErrors.untranslatedBusy(poolsOwn);
        SQLiteException untranslated = assertInstanceOf(SQLiteException.class, e);
        assertEquals(sqlites.getMessage(), untranslated.getMessage());
        assertEquals(sqlites.getResultCode(), untranslated.getResultCode());
        assertEquals(sqlites.getErrorCode(), untranslated.getErrorCode());
        assertNull(untranslated.getSQLState(), "as sqlite-jdbc's");
        assertSame(poolsOwn, untranslated.getCause(), "what the pool waited for");
        assertTrue(SqliteErrors.isBusy(untranslated));
    }
}
