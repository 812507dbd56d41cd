package io.pooledsqlite.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The rows of docs/errors.md, each produced by real SQLite through the pool: the JDBC class, the
 * SQLState and the (extended) SQLite result code the caller gets.
 */
class ErrorTableTest {
    @TempDir
    Path dir;
    private Connection c;

    @BeforeEach
    void schema() throws SQLException {
        c = DriverManager.getConnection(Databases.url(dir, "foreign_keys=true"));
        run("create table parent(id integer primary key)");
        run("create table child(id integer primary key, parent integer references parent(id),"
                + " name text not null, qty integer check (qty > 0), code text unique)");
        run("insert into parent values (1)");
        run("insert into child values (1, 1, 'a', 1, 'x')");
    }

    @AfterEach
    void closePools() throws SQLException {
        c.close();
        Databases.closePools(dir);
    }

    private void run(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private <T extends SQLException> T fails(Class<T> type, String state, int code, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> run(sql), sql);
        assertInstanceOf(type, e, sql + ": " + e);
        assertEquals(state, e.getSQLState(), sql + ": " + e);
        assertEquals(code, e.getErrorCode(), sql + ": " + e);
        assertInstanceOf(SQLiteException.class, e.getCause(), "sqlite-jdbc's exception is the cause");
        return type.cast(e);
    }

    @Test
    void syntaxAndNameErrors() {
        fails(SQLSyntaxErrorException.class, "42000", 1, "selec 1");
        fails(SQLSyntaxErrorException.class, "42000", 1, "select (1");
        fails(SQLSyntaxErrorException.class, "42S02", 1, "select * from nosuch");
        fails(SQLSyntaxErrorException.class, "42S22", 1, "select nosuch from child");
        fails(SQLSyntaxErrorException.class, "42S01", 1, "create table child(x)");
        fails(SQLSyntaxErrorException.class, "42000", 1, "select nosuch(1)");
        fails(SQLException.class, "HY000", 1, "select abs(1, 2)");
    }

    @Test
    void constraintViolationsNameTheConstraintKind() {
        fails(SQLIntegrityConstraintViolationException.class, "23502", 1299,
                "insert into child(id, parent, name) values (2, 1, null)");
        fails(SQLIntegrityConstraintViolationException.class, "23503", 787,
                "insert into child(id, parent, name) values (2, 99, 'b')");
        fails(SQLIntegrityConstraintViolationException.class, "23505", 2067,
                "insert into child(id, parent, name, code) values (2, 1, 'b', 'x')");
        fails(SQLIntegrityConstraintViolationException.class, "23505", 1555,
                "insert into child(id, parent, name) values (1, 1, 'b')");
        fails(SQLIntegrityConstraintViolationException.class, "23514", 275,
                "insert into child(id, parent, name, qty) values (2, 1, 'b', 0)");
    }

    @Test
    void otherConstraintsAreTheGeneralIntegrityState() throws SQLException {
        run("create trigger refuse before delete on parent begin select raise(abort, 'parents stay'); end");
        SQLException e = fails(SQLIntegrityConstraintViolationException.class, "23000", 1811,
                "delete from parent");
        assertTrue(e.getMessage().contains("parents stay"), e.getMessage());
    }

    @Test
    void dataErrors() {
        fails(SQLDataException.class, "22001", 18, "select zeroblob(2000000000)");
        fails(SQLDataException.class, "22000", 20, "insert into parent values ('not a number')");
    }

    /** {@code Statement.cancel()} interrupts a running query (sqlite3_interrupt): SQLITE_INTERRUPT. */
    @Test
    void aCancelledQueryIsHy008() throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try (Statement s = c.createStatement()) {
            Future<SQLException> endless = runner.submit(() -> {
                try {
                    s.executeQuery("with recursive n(i) as (select 1 union all select i + 1 from n)"
                            + " select count(*) from n");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                while (!endless.isDone()) {
                    s.cancel();  // until the query has begun: an interrupt before it starts is forgotten
                    Thread.sleep(10);
                }
                return endless.get();
            });
            assertInstanceOf(SQLTransientException.class, e, String.valueOf(e));
            assertEquals("HY008", e.getSQLState(), String.valueOf(e));
            assertEquals(9, e.getErrorCode(), "SQLITE_INTERRUPT");
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void aFullDatabaseIs53100() throws SQLException {
        run("create table big(b blob)");
        run("pragma max_page_count = " + Databases.queryLong(c, "pragma page_count"));
        fails(SQLNonTransientException.class, "53100", 13, "insert into big values (zeroblob(100000))");
    }

    @Test
    void aWriteOnAReadOnlyConnectionIs25006() throws SQLException {
        c.setReadOnly(true);
        fails(SQLNonTransientException.class, "25006", 8, "insert into parent values (2)");
        c.setReadOnly(false);
        run("insert into parent values (2)");
    }

    @Test
    void aFileThatCannotBeOpenedIs08001() {
        fails(SQLNonTransientConnectionException.class, "08001", 14,
                "attach database '" + dir.resolve("no/such/dir/x.db") + "' as x");
    }

    /** Codes no statement here can produce on demand: the translation itself, on sqlite-jdbc's exception. */
    @Test
    void codesWithoutAReproducibleStatementTranslateAsDocumented() {
        Object[][] rows = {
            {SQLiteErrorCode.SQLITE_ABORT, SQLTransientException.class, "HY008"},
            {SQLiteErrorCode.SQLITE_BUSY, SQLTransientException.class, "HYT00"},
            {SQLiteErrorCode.SQLITE_LOCKED, SQLTransientException.class, "HYT00"},
            {SQLiteErrorCode.SQLITE_SCHEMA, SQLTransientException.class, "HY000"},
            {SQLiteErrorCode.SQLITE_PERM, SQLNonTransientException.class, "42501"},
            {SQLiteErrorCode.SQLITE_AUTH, SQLNonTransientException.class, "42501"},
            {SQLiteErrorCode.SQLITE_NOMEM, SQLNonTransientException.class, "HY001"},
            {SQLiteErrorCode.SQLITE_IOERR, SQLNonTransientException.class, "58030"},
            {SQLiteErrorCode.SQLITE_CORRUPT, SQLNonTransientException.class, "XX001"},
            {SQLiteErrorCode.SQLITE_NOTADB, SQLNonTransientException.class, "XX001"},
            {SQLiteErrorCode.SQLITE_RANGE, SQLDataException.class, "07009"},
            {SQLiteErrorCode.SQLITE_MISUSE, SQLNonTransientException.class, "HY010"},
            {SQLiteErrorCode.SQLITE_PROTOCOL, SQLException.class, "HY000"},
        };
        for (Object[] row : rows) {
            SQLiteErrorCode code = (SQLiteErrorCode) row[0];
            SQLiteException original = new SQLiteException("[" + code.name() + "] " + code.message, code);
            SQLException t = SqliteErrors.translate(original);
            assertEquals(row[1], t.getClass(), code.name());
            assertEquals(row[2], t.getSQLState(), code.name());
            assertEquals(code.code, t.getErrorCode(), code.name());
            assertEquals(original, t.getCause(), code.name());
        }
    }

    /** Which errors make the pool drop the physical connection (docs/errors.md, last paragraph). */
    @Test
    void fatalCodesEvictAndBusyOnesNever() {
        SQLiteErrorCode[] fatal = {SQLiteErrorCode.SQLITE_IOERR, SQLiteErrorCode.SQLITE_IOERR_SHORT_READ,
            SQLiteErrorCode.SQLITE_CORRUPT, SQLiteErrorCode.SQLITE_NOTADB, SQLiteErrorCode.SQLITE_CANTOPEN,
            SQLiteErrorCode.SQLITE_NOMEM, SQLiteErrorCode.SQLITE_MISUSE};
        for (SQLiteErrorCode code : fatal) {
            assertTrue(SqliteErrors.isFatal(new SQLiteException(code.message, code)), code.name());
        }
        SQLiteErrorCode[] kept = {SQLiteErrorCode.SQLITE_BUSY, SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT,
            SQLiteErrorCode.SQLITE_LOCKED, SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE, SQLiteErrorCode.SQLITE_ERROR,
            SQLiteErrorCode.SQLITE_FULL, SQLiteErrorCode.SQLITE_READONLY, SQLiteErrorCode.SQLITE_INTERRUPT};
        for (SQLiteErrorCode code : kept) {
            assertFalse(SqliteErrors.isFatal(new SQLiteException(code.message, code)), code.name());
        }
        assertTrue(SqliteErrors.isBusy(new SQLiteException("", SQLiteErrorCode.SQLITE_LOCKED_SHAREDCACHE)));
        assertTrue(SqliteErrors.isCorruption(new SQLiteException("", SQLiteErrorCode.SQLITE_NOTADB)));
        assertFalse(SqliteErrors.isCorruption(new SQLiteException("", SQLiteErrorCode.SQLITE_IOERR)));
    }
}
