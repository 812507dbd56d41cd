package io.pooledsqlite;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue of bad input the driver rejects: each gives an SQLException with a SQLState and a message
 * naming the cause, quickly, and leaves nothing broken behind.
 */
class BadInputTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    private SQLException rejected(String url) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(SQLException.class, () -> DriverManager.getConnection(url)));
    }

    private void expect(String url, String sqlState, String... messageParts) {
        SQLException e = rejected(url);
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' names " + part);
        }
    }

    @Test
    void malformedUrl() {
        expect("jdbc:pooledsqlite:" + dir.resolve("a.db") + "?maxPoolSize", "08001", "key=value");
    }

    @Test
    void unknownKey() {
        expect("jdbc:pooledsqlite:" + dir.resolve("a.db") + "?statementCacheSiz=3", "HY092",
                "statementCacheSiz", "statementCacheSize");
    }

    @Test
    void zeroPoolSize() {
        expect("jdbc:pooledsqlite:" + dir.resolve("a.db") + "?maxPoolSize=0", "HY024", "maxPoolSize", "0");
    }

    @Test
    void negativeTimeout() {
        expect("jdbc:pooledsqlite:" + dir.resolve("a.db") + "?connectionTimeout=-5", "HY024", "connectionTimeout",
                "-5");
    }

    @Test
    void notANumber() {
        expect("jdbc:pooledsqlite:" + dir.resolve("a.db") + "?statementCacheSize=abc", "HY024",
                "statementCacheSize", "abc");
    }

    @Test
    void missingParentDirectory() {
        Path missing = dir.resolve("no/such/dir/app.db");
        expect("jdbc:pooledsqlite:" + missing, "08001", missing.getParent().toString(), "does not exist");
    }

    @Test
    void aFileThatIsNotADatabase() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.write(junk, "this is a text file, not a database, and it is long enough to have a header"
                .repeat(20).getBytes());
        expect("jdbc:pooledsqlite:" + junk, "XX001", "not a database");
        assertTrue(Files.readString(junk).startsWith("this is a text file"), "the file was not overwritten");
    }

    @Test
    void aWriteToAReadOnlyFileFailsClearlyAndTheConnectionStaysUsable() throws Exception {
        Path file = dir.resolve("ro.db");
        String url = "jdbc:pooledsqlite:" + file + "?journal_mode=DELETE&poolName=ro";
        Databases.execute(url, "create table t(x)");
        Databases.execute(url, "insert into t values (1)");
        Databases.closePools(dir);
        makeReadOnly(file);
        try {
            try (Connection c = DriverManager.getConnection(url)) {
                SQLException e = assertThrows(SQLException.class,
                        () -> c.createStatement().executeUpdate("insert into t values (2)"));
                assertEquals("25006", e.getSQLState(), e.getMessage());
                assertTrue(e.getMessage().toLowerCase().contains("readonly"), e.getMessage());
            }
            try (Connection c = DriverManager.getConnection(url)) {
                assertEquals(1, queryLong(c, "select count(*) from t"), "the pool still serves reads");
            }
            makeWritable(file);
            writeWithin(url, "insert into t values (2)");
            try (Connection c = DriverManager.getConnection(url)) {
                assertEquals(2, queryLong(c, "select count(*) from t"));
            }
        } finally {
            Databases.closePools(dir);
            makeWritable(file);
        }
    }

    /** The pool looks at the file at most every 200 ms, then replaces its read-only connections. */
    private static void writeWithin(String url, String sql) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                Databases.execute(url, sql);
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static void makeWritable(Path file) throws Exception {
        run("chattr", "-i", file.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Removes write permission; as root, where permissions do not bind, marks the file immutable. */
    private static void makeReadOnly(Path file) throws Exception {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        if (Files.isWritable(file)) {
            run("chattr", "+i", file.toString());
        }
        Assumptions.assumeFalse(Files.isWritable(file) && canAppend(file),
                "neither permissions nor chattr can make a file read-only here");
    }

    private static boolean canAppend(Path file) {
        try {
            Files.write(file, new byte[0], java.nio.file.StandardOpenOption.APPEND);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void run(String... command) throws Exception {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
        } catch (java.io.IOException e) {
            // the tool is missing: the assumption above reports it
        }
    }

    @Test
    void aRejectedUrlLeavesNoPoolBehindAndTheFixedUrlWorks() throws Exception {
        Path missing = dir.resolve("later/app.db");
        rejected("jdbc:pooledsqlite:" + missing);
        Files.createDirectories(missing.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:pooledsqlite:" + missing)) {
            assertEquals(1, queryLong(c, "select 1"));
        }
    }

    // ---------------------------------------------------------------- misuse of the JDBC API

    private void expectMisuse(org.junit.jupiter.api.function.Executable call, String sqlState, String part) {
        SQLException e = assertThrows(SQLException.class, call);
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' names " + part);
    }

    @Test
    void misuseOfConnectionsIsRejectedWithAStateAndAReason() throws Exception {
        String url = "jdbc:pooledsqlite:" + dir.resolve("misuse.db") + "?poolName=misuse";
        try (Connection c = DriverManager.getConnection(url)) {
            expectMisuse(c::commit, "25000", "auto-commit");
            expectMisuse(c::rollback, "25000", "auto-commit");
            expectMisuse(() -> c.prepareCall("call p()"), "0A000", "stored procedures");
            expectMisuse(() -> c.isValid(-1), "HY024", "negative");
            expectMisuse(() -> c.setNetworkTimeout(Runnable::run, -1), "HY024", "negative");
            expectMisuse(() -> c.abort(null), "HY009", "executor");
            c.setAutoCommit(false);
            expectMisuse(() -> c.setSavepoint(""), "3B000", "empty");
            expectMisuse(() -> c.rollback(new java.sql.Savepoint() {
                @Override
                public int getSavepointId() {
                    return 1;
                }

                @Override
                public String getSavepointName() {
                    return "foreign";
                }
            }), "3B001", "Not a savepoint of this connection");
            c.createStatement().executeQuery("select 1").close();
            expectMisuse(() -> c.setReadOnly(true), "25001", "inside a transaction");
        }
        Connection closed = DriverManager.getConnection(url);
        java.sql.Statement statement = closed.createStatement();
        java.sql.ResultSet rs = statement.executeQuery("select 1");
        closed.close();
        expectMisuse(closed::createStatement, "08003", "Connection is closed");
        expectMisuse(() -> statement.executeQuery("select 1"), "HY010", "Statement is closed");
        expectMisuse(rs::next, "HY010", "ResultSet is closed");
    }

    @Test
    void aClosedDataSourceRefusesConnections() throws Exception {
        PooledSqliteDataSource ds = new PooledSqliteDataSource(dir.resolve("ds.db").toString());
        ds.getConnection().close();
        ds.close();
        expectMisuse(ds::getConnection, "08003", "closed");
        PooledSqliteDataSource unset = new PooledSqliteDataSource();
        expectMisuse(unset::getConnection, "08001", "setUrl");
    }
}
