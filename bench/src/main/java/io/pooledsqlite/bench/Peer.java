package io.pooledsqlite.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pooledsqlite.PooledSqliteDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The contenders, named as they appear in the {@code peer} JMH parameter.
 *
 * <p>Raw sqlite-jdbc and HikariCP get the same durability and waiting settings that pooledsqlite applies
 * by default ({@code journal_mode=WAL}, {@code synchronous=NORMAL}, {@code busy_timeout=5000}), so the
 * comparison measures the pool, not a forgotten pragma. Cache and mmap sizes stay at SQLite's defaults for
 * them; {@link PageCacheBenchmark} measures those two separately.
 */
public enum Peer {
    /** sqlite-jdbc, a new physical connection for every operation. */
    SQLITE_JDBC_OPEN("sqlite-jdbc-open"),
    /** sqlite-jdbc, one physical connection opened at setup and shared by all threads. */
    SQLITE_JDBC_SHARED("sqlite-jdbc-shared"),
    /** HikariCP over a sqlite-jdbc {@code SQLiteDataSource}, 10 connections. */
    HIKARI("hikari"),
    /**
     * HikariCP with a fair in-JVM lock held from borrow to return (the whole transaction): a model of a
     * first-come-first-served write gate, for comparing gate designs in ReadModifyWrite.
     */
    HIKARI_FAIR_LOCK("hikari+fair-lock"),
    /** The same with a non-fair lock, which lets a running thread take it ahead of parked ones. */
    HIKARI_UNFAIR_LOCK("hikari+unfair-lock"),
    /** pooledsqlite with its defaults (native engine, statement cache of 256). */
    POOLEDSQLITE("pooledsqlite"),
    /** pooledsqlite with {@code statementCacheSize=0}. */
    POOLEDSQLITE_NOCACHE("pooledsqlite-nocache"),
    /** pooledsqlite on the pure-Java engine ({@code engine=wasm}). */
    POOLEDSQLITE_WASM("pooledsqlite-wasm"),
    /** pooledsqlite with Micrometer meters bound to a {@code SimpleMeterRegistry} (issue 6: their cost). */
    POOLEDSQLITE_METRICS("pooledsqlite+metrics"),
    /**
     * Raw sqlite4j (the pure-Java SQLite the wasm engine runs on), one connection shared, constructed
     * directly: the peer for {@code pooledsqlite-wasm}. It keeps the database in memory and writes nothing
     * back, so it only serves read workloads.
     */
    SQLITE4J_SHARED("sqlite4j-shared");

    /** Pool size for both pools, pooledsqlite's default. */
    public static final int POOL_SIZE = 10;

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final String label;

    Peer(String label) {
        this.label = label;
    }

    /** The name used in the {@code peer} parameter and in result tables. */
    public String label() {
        return label;
    }

    /** Looks a peer up by its {@link #label()}. */
    public static Peer byLabel(String label) {
        for (Peer p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown peer '" + label + "'");
    }

    /**
     * Opens this contender on {@code file} and proves it can hand out one connection.
     *
     * @param sqliteSettings SQLite keys (sqlite-jdbc names) the workload needs, e.g. {@code journal_mode=DELETE}
     * @throws PeerUnavailableException if the contender cannot work here (e.g. no wasm engine yet)
     */
    public ConnectionSource open(Path file, Map<String, String> sqliteSettings) throws SQLException {
        ConnectionSource source = null;
        try {
            source = create(file, sqliteSettings);
            source.release(source.borrow());
            return source;
        } catch (SQLException | RuntimeException | LinkageError e) {
            if (source != null) {
                closeQuietly(source, e);
            }
            if (this == POOLEDSQLITE_WASM) {
                throw new PeerUnavailableException(label + " skipped: engine=wasm could not open " + file
                        + " (" + e + ")", e);
            }
            throw e;
        }
    }

    private ConnectionSource create(Path file, Map<String, String> sqliteSettings) throws SQLException {
        switch (this) {
            case SQLITE_JDBC_OPEN:
                return new OpenPerOperation(file, rawPragmas(sqliteSettings));
            case SQLITE_JDBC_SHARED:
                return new SharedConnection(RawSqlite.open(file, rawPragmas(sqliteSettings)));
            case HIKARI:
                return hikari(file, sqliteSettings);
            case HIKARI_FAIR_LOCK:
                return new LockedSource(hikari(file, sqliteSettings), true);
            case HIKARI_UNFAIR_LOCK:
                return new LockedSource(hikari(file, sqliteSettings), false);
            case POOLEDSQLITE:
                return pooled(file, sqliteSettings, Map.of());
            case POOLEDSQLITE_NOCACHE:
                return pooled(file, sqliteSettings, Map.of("statementCacheSize", "0"));
            case POOLEDSQLITE_WASM:
                return pooled(file, sqliteSettings, Map.of("engine", "wasm"));
            case POOLEDSQLITE_METRICS:
                return withMeters(file, sqliteSettings);
            case SQLITE4J_SHARED:
                Path copy = rollbackJournalCopy(file);
                return new SharedConnection(new io.roastedroot.sqlite4j.jdbc4.JDBC4Connection(
                        "jdbc:sqlite:" + copy, copy.toString(), new Properties()));
            default:
                throw new AssertionError(this);
        }
    }

    private static Properties rawPragmas(Map<String, String> sqliteSettings) {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "NORMAL");
        p.setProperty("busy_timeout", "5000");
        sqliteSettings.forEach(p::setProperty);
        return p;
    }

    private static ConnectionSource hikari(Path file, Map<String, String> sqliteSettings) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(RawSqlite.dataSource(file, rawPragmas(sqliteSettings)));
        config.setPoolName("bench-hikari-" + POOL_NUMBER.incrementAndGet());
        config.setMaximumPoolSize(POOL_SIZE);
        return new PoolSource(new HikariDataSource(config));
    }

    /** sqlite4j has no WAL: it reads a copy of the workload's file converted to the rollback journal. */
    private static Path rollbackJournalCopy(Path file) throws SQLException {
        Path copy = file.toAbsolutePath().resolveSibling(file.getFileName() + ".sqlite4j.db");
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            throw new SQLException("cannot replace " + copy, e);
        }
        Properties plain = new Properties();
        try (Connection c = RawSqlite.open(file, plain); Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
        }
        plain.setProperty("journal_mode", "DELETE");
        RawSqlite.open(copy, plain).close();
        return copy;
    }

    private static ConnectionSource withMeters(Path file, Map<String, String> sqliteSettings) {
        PooledSqliteDataSource ds = dataSource(file, sqliteSettings, Map.of());
        ds.setMeterRegistry(new SimpleMeterRegistry());
        return new PoolSource(ds);
    }

    private static ConnectionSource pooled(Path file, Map<String, String> sqliteSettings,
                                           Map<String, String> poolSettings) {
        return new PoolSource(dataSource(file, sqliteSettings, poolSettings));
    }

    private static PooledSqliteDataSource dataSource(Path file, Map<String, String> sqliteSettings,
                                                     Map<String, String> poolSettings) {
        PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + file.toAbsolutePath());
        ds.setProperty("poolName", "bench-pooledsqlite-" + POOL_NUMBER.incrementAndGet());
        ds.setProperty("maxPoolSize", Integer.toString(POOL_SIZE));
        sqliteSettings.forEach(ds::setProperty);
        poolSettings.forEach(ds::setProperty);
        return ds;
    }

    private static void closeQuietly(ConnectionSource source, Throwable cause) {
        try {
            source.close();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Borrow = {@code getConnection()}, release = {@code close()}. */
    private static final class PoolSource implements ConnectionSource {
        private final javax.sql.DataSource pool;

        PoolSource(javax.sql.DataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection borrow() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void release(Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public void close() throws SQLException {
            try {
                ((AutoCloseable) pool).close();
            } catch (SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new SQLException("closing the pool failed", e);
            }
        }
    }

    /** Holds one JVM-wide permit from borrow to release, so only one borrower at a time. */
    private static final class LockedSource implements ConnectionSource {
        private final ConnectionSource pool;
        private final Semaphore permit;

        LockedSource(ConnectionSource pool, boolean fair) {
            this.pool = pool;
            this.permit = new Semaphore(1, fair);
        }

        @Override
        public Connection borrow() throws SQLException {
            permit.acquireUninterruptibly();
            try {
                return pool.borrow();
            } catch (SQLException | RuntimeException e) {
                permit.release();
                throw e;
            }
        }

        @Override
        public void release(Connection connection) throws SQLException {
            try {
                pool.release(connection);
            } finally {
                permit.release();
            }
        }

        @Override
        public void close() throws SQLException {
            pool.close();
        }
    }

    /** A physical connection per operation, closed on release. */
    private static final class OpenPerOperation implements ConnectionSource {
        private final Path file;
        private final Properties pragmas;

        OpenPerOperation(Path file, Properties pragmas) {
            this.file = file;
            this.pragmas = pragmas;
        }

        @Override
        public Connection borrow() throws SQLException {
            return RawSqlite.open(file, pragmas);
        }

        @Override
        public void release(Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public void close() {
            // nothing held between operations
        }
    }

    /** One connection for everyone; sqlite-jdbc serialises calls on it internally. */
    private static final class SharedConnection implements ConnectionSource {
        private final Connection connection;

        SharedConnection(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Connection borrow() {
            return connection;
        }

        @Override
        public void release(Connection ignored) {
            // stays open for the next operation
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
