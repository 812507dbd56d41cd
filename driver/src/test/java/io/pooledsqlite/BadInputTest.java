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
        PooledSqliteDriver.closeAll();
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
        PooledSqliteDriver.closeAll();
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
        } finally {
            PooledSqliteDriver.closeAll();
            run("chattr", "-i", file.toString());
        }
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
}
