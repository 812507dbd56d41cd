package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.config.Target;
import io.pooledsqlite.error.SqliteErrors;
import io.pooledsqlite.pool.ConnectionPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * A new engine is one implementation of {@link Engine}: an engine written here, on real sqlite-jdbc
 * connections, with rules of its own (no in-JVM write gate, {@code BEGIN EXCLUSIVE} for write
 * transactions, its own error classification and translation, a watch, an integrity check and a
 * connection limit of its own) plugged into an unchanged pool, whose pool and wrappers follow those
 * rules. Each rule is chosen to differ observably from SQLite's, and each test runs the same scenario
 * on the same connections with SQLite's defaults, where the outcome is the other one.
 */
class EngineSeamTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** The test engine's message prefix, so a translation by it is recognisable. */
    private static final String PREFIX = "[own rules] ";

    @TempDir
    Path dir;

    private final List<ConnectionPool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(ConnectionPool::close);
    }

    /** Opens a real sqlite-jdbc connection, directly (never through DriverManager, where sqlite4j also answers). */
    private static Connection openSqliteJdbc(String target, Properties settings) throws SQLException {
        return new JDBC4Connection("jdbc:sqlite:" + target, target, settings);
    }

    /** The same connections with every engine-specific decision left at SQLite's defaults. */
    private static final class SqliteDefaults implements Engine {
        @Override
        public String name() {
            return "sqlite-defaults";
        }

        @Override
        public Connection open(String target, Properties sqliteSettings) throws SQLException {
            return openSqliteJdbc(target, sqliteSettings);
        }
    }

    /** An engine that orders writers itself, begins writes exclusively and reads its errors its own way. */
    private static final class OwnRules implements Engine {
        /** While this file exists the database is "in maintenance" and the engine's watch refuses connections. */
        private final Path maintenanceMarker;
        private final AtomicReference<String> integrityChecked = new AtomicReference<>();

        OwnRules(Path maintenanceMarker) {
            this.maintenanceMarker = maintenanceMarker;
        }

        @Override
        public String name() {
            return "own-rules";
        }

        @Override
        public Connection open(String target, Properties sqliteSettings) throws SQLException {
            return openSqliteJdbc(target, sqliteSettings);
        }

        @Override
        public int maxConnections(int requested) {
            return Math.min(requested, 3);
        }

        @Override
        public TransactionControl transactions() {
            return TransactionControl.of(false, "BEGIN EXCLUSIVE");
        }

        @Override
        public ErrorClassifier errors() {
            return new ErrorClassifier() {
                /** A busy answer is final: the engine's writers queue elsewhere, so running again gains nothing. */
                @Override
                public boolean isBusy(SQLException e) {
                    return false;
                }

                /** A constraint failure costs the session (as a server that drops it would). */
                @Override
                public boolean isFatal(SQLException e) {
                    return SqliteErrors.resultCode(e) == 19 || ErrorClassifier.super.isFatal(e);
                }

                @Override
                public SQLException translate(SQLException e) {
                    SQLException t = SqliteErrors.translate(e);
                    return new SQLException(PREFIX + t.getMessage(), t.getSQLState(), t.getErrorCode(), e);
                }
            };
        }

        @Override
        public DatabaseWatch watch(String poolName, Target target) {
            return new DatabaseWatch() {
                @Override
                public void check(long now, Reaction reaction) throws SQLException {
                    if (Files.exists(maintenanceMarker)) {
                        throw new SQLException(poolName + ": the database is in maintenance", "08004");
                    }
                }

                @Override
                public boolean allowsConnections() {
                    return !Files.exists(maintenanceMarker);
                }

                @Override
                public boolean corrupt(SQLException cause) {
                    return false;
                }
            };
        }

        @Override
        public void checkIntegrity(Connection physical, String mode, String poolName, String target)
                throws SQLException {
            integrityChecked.set(mode);
        }
    }

    private ConnectionPool start(Engine engine, String url) throws SQLException {
        PoolConfig config = ConfigParser.parse(url, new Properties());
        ConnectionPool pool = new ConnectionPool(config, engine);
        pools.add(pool);
        return pool;
    }

    private static Path fileOf(String url) throws SQLException {
        return ConfigParser.parse(url, new Properties()).parsedTarget().file();
    }

    /** A plain sqlite-jdbc connection that answers busy at once instead of waiting. */
    private static Connection impatient(Path file) throws SQLException {
        Properties p = new Properties();
        p.setProperty("busy_timeout", "0");
        return new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, p);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Whether another connection can read the file while {@code pooled} is inside its write transaction. */
    private static boolean othersReadDuringAWriteTransaction(ConnectionPool pool, Path file) throws SQLException {
        try (Connection c = pool.getConnection()) {
            exec(c, "CREATE TABLE t(v)");
            c.setAutoCommit(false);
            exec(c, "INSERT INTO t VALUES (1)");
            try (Connection other = impatient(file); Statement s = other.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                return rs.next();
            } catch (SQLException e) {
                assertTrue(SqliteErrors.isBusy(e), e.toString());
                return false;
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void writeTransactionsBeginWithTheEnginesStatement() {
        assertTimeoutPreemptively(BOUND, () -> {
            // rollback journal: BEGIN IMMEDIATE lets readers in, BEGIN EXCLUSIVE locks them out
            String keys = "journal_mode=DELETE&busy_timeout=50";
            String sqliteUrl = Databases.url(dir, keys);
            assertTrue(othersReadDuringAWriteTransaction(start(new SqliteDefaults(), sqliteUrl), fileOf(sqliteUrl)),
                    "BEGIN IMMEDIATE leaves the file readable");
            String ownUrl = Databases.url(dir, keys);
            assertFalse(othersReadDuringAWriteTransaction(start(new OwnRules(dir.resolve("m")), ownUrl),
                    fileOf(ownUrl)), "the engine's BEGIN EXCLUSIVE keeps readers out");
        });
    }

    /** What a second connection of the same thread gets when it writes while the first is in a write transaction. */
    private static SQLException secondWriterOfOneThread(ConnectionPool pool) throws SQLException {
        try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
            exec(first, "CREATE TABLE t(v)");
            first.setAutoCommit(false);
            exec(first, "INSERT INTO t VALUES (1)");
            SQLException e = assertThrows(SQLException.class, () -> exec(second, "INSERT INTO t VALUES (2)"));
            first.rollback();
            return e;
        }
    }

    @Test
    void anEngineWithoutAWriteGateLeavesWritersToTheEngine() {
        assertTimeoutPreemptively(BOUND, () -> {
            String keys = "busy_timeout=50&maxPoolSize=2";
            ConnectionPool sqlite = start(new SqliteDefaults(), Databases.url(dir, keys));
            assertNotNull(sqlite.gate());
            SQLException gated = secondWriterOfOneThread(sqlite);
            assertTrue(gated.getMessage().contains("through another connection"),
                    "the gate refuses the second writer of one thread at once: " + gated);

            ConnectionPool own = start(new OwnRules(dir.resolve("m")), Databases.url(dir, keys));
            assertNull(own.gate(), "no write gate for an engine that orders writers itself");
            SQLException engines = secondWriterOfOneThread(own);
            assertFalse(engines.getMessage().contains("through another connection"), engines.toString());
            assertTrue(SqliteErrors.isBusy(engines), "SQLite itself answered, after busy_timeout: " + engines);
            assertEquals(0, own.getWriteGateWaits());
        });
    }

    /** Busy retries and closed connections after a busy write and a constraint failure, and a syntax error. */
    private static SQLException[] failures(ConnectionPool pool, Path file) throws SQLException {
        try (Connection c = pool.getConnection()) {
            exec(c, "CREATE TABLE t(id INTEGER PRIMARY KEY)");
            exec(c, "INSERT INTO t VALUES (1)");
        }
        SQLException busy;
        try (Connection holder = impatient(file)) {
            exec(holder, "BEGIN IMMEDIATE");
            try (Connection c = pool.getConnection()) {
                busy = assertThrows(SQLException.class, () -> exec(c, "INSERT INTO t VALUES (2)"));
            }
            exec(holder, "ROLLBACK");
        }
        SQLException constraint;
        SQLException syntax;
        try (Connection c = pool.getConnection()) {
            constraint = assertThrows(SQLException.class, () -> exec(c, "INSERT INTO t VALUES (1)"));
            syntax = assertThrows(SQLException.class, () -> exec(c, "SELEKT 1"));
        }
        return new SQLException[] {busy, constraint, syntax};
    }

    @Test
    void errorsAreRetriedKeptAndTranslatedAsTheEngineClassifiesThem() {
        assertTimeoutPreemptively(BOUND, () -> {
            String keys = "busy_timeout=20&maxPoolSize=1";
            String sqliteUrl = Databases.url(dir, keys);
            ConnectionPool sqlite = start(new SqliteDefaults(), sqliteUrl);
            SQLException[] bySqlite = failures(sqlite, fileOf(sqliteUrl));
            assertEquals(3, sqlite.getBusyRetries(), "SQLite's busy is retried where SQLite ran nothing");
            assertEquals(0, sqlite.getConnectionsClosed(), "a constraint failure leaves the connection usable");
            assertEquals("23505", bySqlite[1].getSQLState());
            assertEquals("42000", bySqlite[2].getSQLState());
            assertFalse(bySqlite[2].getMessage().startsWith(PREFIX));

            String ownUrl = Databases.url(dir, keys);
            ConnectionPool own = start(new OwnRules(dir.resolve("m")), ownUrl);
            SQLException[] byEngine = failures(own, fileOf(ownUrl));
            assertEquals(0, own.getBusyRetries(), "the engine says a busy answer is final");
            assertTrue(SqliteErrors.isBusy(byEngine[0]), byEngine[0].toString());
            assertEquals(1, own.getConnectionsClosed(), "the engine says a constraint failure costs the connection");
            for (SQLException e : byEngine) {
                assertTrue(e.getMessage().startsWith(PREFIX), "translated by the engine: " + e);
            }
            assertEquals("23505", byEngine[1].getSQLState());
            assertEquals("42000", byEngine[2].getSQLState());
        });
    }

    @Test
    void theEnginesWatchIntegrityCheckAndLimitAreThePools() {
        assertTimeoutPreemptively(BOUND, () -> {
            Path marker = dir.resolve("maintenance");
            OwnRules engine = new OwnRules(marker);
            ConnectionPool pool = start(engine, Databases.url(dir, "maxPoolSize=10&integrityCheck=quick"));
            assertEquals("quick", engine.integrityChecked.get(), "the engine ran the integrity check");
            assertEquals(3, pool.getMaxPoolSize(), "the engine's connection limit");
            try (Connection c = pool.getConnection()) {
                assertTrue(c.isValid(1));
            }
            Files.createFile(marker);
            SQLException refused = assertThrows(SQLException.class, pool::getConnection);
            assertEquals("08004", refused.getSQLState(), refused.toString());
            Files.delete(marker);
            try (Connection c = pool.getConnection()) {
                assertTrue(c.isValid(1), "lent again once the engine's watch allows it");
            }
        });
    }
}
