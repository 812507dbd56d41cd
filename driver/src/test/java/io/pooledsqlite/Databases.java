package io.pooledsqlite;

import io.pooledsqlite.pool.ConnectionPool;
import io.pooledsqlite.pool.PoolRegistry;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Small helpers the driver's tests share: URLs for fresh files and one-line queries. */
public final class Databases {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private Databases() {
    }

    /** A pooledsqlite URL for a new file in {@code dir}, with a unique pool name and extra keys. */
    public static String url(Path dir, String keys) {
        String name = "test-" + POOLS.incrementAndGet();
        return "jdbc:pooledsqlite:" + dir.resolve(name + ".db") + "?poolName=" + name
                + (keys.isEmpty() ? "" : "&" + keys);
    }

    /**
     * Closes the pools whose database lies in {@code dir}, a test's own {@code @TempDir}. Test classes run in
     * parallel: {@link PooledSqliteDriver#closeAll()} would close the pools of the classes running beside.
     */
    public static void closePools(Path dir) {
        String inDir = dir + File.separator;
        closePoolsWhere(p -> p.config().target().contains(inDir));
    }

    /** Closes the pools whose configured {@code poolName} starts with {@code prefix} (in-memory pools have no dir). */
    public static void closePoolsNamed(String prefix) {
        closePoolsWhere(p -> p.config().poolName().startsWith(prefix));
    }

    private static void closePoolsWhere(Predicate<ConnectionPool> mine) {
        for (ConnectionPool p : PoolRegistry.live()) {
            if (mine.test(p)) {
                p.close();
            }
        }
    }

    /**
     * A plain, unpooled sqlite-jdbc connection to a file. Never through DriverManager, where sqlite4j
     * (also on the test class path) registers the same prefix and may answer instead.
     */
    public static Connection raw(Path file) throws SQLException {
        return new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new java.util.Properties());
    }

    /** Properties from alternating names and values. */
    public static java.util.Properties properties(String... namesAndValues) {
        java.util.Properties p = new java.util.Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            p.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return p;
    }

    /** Runs one statement on a new connection from the URL. */
    public static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** The first column of the first row of a query on this connection. */
    public static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The first column of the first row of a query, as a long. */
    public static long queryLong(Connection c, String sql) throws SQLException {
        return Long.parseLong(queryString(c, sql));
    }

    /**
     * The physical sqlite-jdbc connection behind a pooled one, for tests that watch what the pool does with
     * it. Unlike {@code unwrap}, which makes the pool replace the connection on return, this observes only.
     */
    public static org.sqlite.SQLiteConnection physicalOf(java.sql.Connection pooled) throws java.sql.SQLException {
        return (org.sqlite.SQLiteConnection) pooled.unwrap(io.pooledsqlite.proxy.ConnectionProxy.class)
                .physicalForFacade();
    }
}
