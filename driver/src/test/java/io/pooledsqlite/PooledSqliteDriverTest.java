package io.pooledsqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.metrics.PoolMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** Isolated: {@code closeAll} closes every pool in the JVM, those of test classes running beside it too. */
@Isolated
class PooledSqliteDriverTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    @Test
    void isRegisteredAsAServiceSoDriverManagerFindsItWithNothingButTheJars() {
        boolean found = false;
        for (Driver d : ServiceLoader.load(Driver.class)) {
            found |= d instanceof PooledSqliteDriver;
        }
        assertTrue(found, "META-INF/services/java.sql.Driver lists the driver");
    }

    @Test
    void driverManagerHandsOutPooledConnectionsThatReachTheFile() throws Exception {
        String url = Databases.url(dir, "");
        Databases.execute(url, "create table t(x)");
        Databases.execute(url, "insert into t values (42)");
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(42, Databases.queryLong(c, "select x from t"));
        }
        try (Connection raw = Databases.raw(Path.of(url.substring(18, url.indexOf('?'))))) {
            assertEquals(42, Databases.queryLong(raw, "select x from t"), "the data is in the file itself");
        }
    }

    @Test
    void theSameUrlAlwaysUsesTheSamePoolAndRecyclesConnections() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=2");
        for (int i = 0; i < 200; i++) {
            DriverManager.getConnection(url).close();
        }
        PoolMXBean pool = PooledSqliteDriver.pool(url, new Properties());
        assertEquals(200, pool.getBorrows());
        assertEquals(1, pool.getConnectionsCreated(), "one physical connection served every borrow");
    }

    @Test
    void propertiesOverrideUrlValuesAndMakeADifferentPool() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=2");
        Properties p = new Properties();
        p.setProperty("maxPoolSize", "5");
        try (Connection c = DriverManager.getConnection(url, p)) {
            assertEquals(5, PooledSqliteDriver.pool(url, p).getMaxPoolSize());
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(2, PooledSqliteDriver.pool(url, new Properties()).getMaxPoolSize());
            assertNotSame(PooledSqliteDriver.pool(url, p), PooledSqliteDriver.pool(url, new Properties()));
        }
    }

    @Test
    void userAndPasswordFromDriverManagerAreAcceptedAndIgnored() throws Exception {
        String url = Databases.url(dir, "");
        try (Connection c = DriverManager.getConnection(url, "alice", "secret")) {
            assertEquals(1, Databases.queryLong(c, "select 1"));
        }
        Properties sqliteDataSourceStyle = new Properties();
        sqliteDataSourceStyle.setProperty("pass", "secret");
        try (Connection c = DriverManager.getConnection(url, sqliteDataSourceStyle)) {
            assertEquals(1, Databases.queryLong(c, "select 1"));
        }
    }

    @Test
    void closeAllClosesThePoolsAndTheNextConnectStartsAFreshOne() throws Exception {
        String url = Databases.url(dir, "");
        Databases.execute(url, "create table t(x)");
        Databases.execute(url, "insert into t values (1)");
        PoolMXBean before = PooledSqliteDriver.pool(url, null);
        PooledSqliteDriver.closeAll();
        assertNull(PooledSqliteDriver.pool(url, null));
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(1, Databases.queryLong(c, "select count(*) from t"), "committed data survived the close");
            assertNotSame(before, PooledSqliteDriver.pool(url, null));
        }
    }

    @Test
    void otherDriversUrlsAreNotAccepted() throws Exception {
        PooledSqliteDriver driver = new PooledSqliteDriver();
        assertNull(driver.connect("jdbc:sqlite:" + dir.resolve("x.db"), new Properties()));
        assertTrue(driver.acceptsURL("jdbc:pooledsqlite:x.db"));
    }

    @Test
    void hikariCpsNamesSizeThePoolFromAUrlAndFromADataSource() throws Exception {
        String url = Databases.url(dir, "maximumPoolSize=3&minimumIdle=2");
        DriverManager.getConnection(url).close();
        PoolMXBean pool = PooledSqliteDriver.pool(url, new Properties());
        assertEquals(3, pool.getMaxPoolSize());
        assertEquals(2, pool.getMinIdle());
        assertEquals(2, pool.getTotalConnections(), "minimumIdle connections opened at start");
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource(dir.resolve("alias.db").toString())) {
            ds.setProperty("maximumPoolSize", "4");
            ds.setProperty("registerMbeans", "false");
            assertEquals(4, ds.getPoolMXBean().getMaxPoolSize());
        }
        try (PooledSqliteDataSource both = new PooledSqliteDataSource(dir.resolve("both.db").toString())) {
            both.setProperty("maxPoolSize", "4");
            both.setProperty("maximumPoolSize", "5");
            SQLException e = assertThrows(SQLException.class, both::getConnection);
            assertEquals("HY024", e.getSQLState(), e.getMessage());
        }
    }

    @Test
    void theDataSourceGivesFrameworksThePoolWithoutTheUrlPrefix() throws Exception {
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource(dir.resolve("ds.db").toString())) {
            ds.setProperty("maxPoolSize", "3");
            ds.setProperty("poolName", "ds-test");
            try (Connection c = ds.getConnection()) {
                c.createStatement().executeUpdate("create table t(x)");
            }
            try (Connection c = ds.getConnection()) {
                assertEquals("SQLite", c.getMetaData().getDatabaseProductName());
                assertTrue(c.getMetaData().getURL().startsWith("jdbc:sqlite:"),
                        "frameworks detect the database from the metadata URL");
            }
            assertEquals(3, ds.getPoolMXBean().getMaxPoolSize());
            assertEquals("ds-test", ds.getPoolMXBean().getPoolName());
            assertThrows(IllegalStateException.class, () -> ds.setProperty("maxPoolSize", "4"));
        }
    }

    @Test
    void aClosedDataSourceRefusesConnections() throws Exception {
        PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:sqlite:" + dir.resolve("c.db"));
        ds.getConnection().close();
        PoolMXBean pool = ds.getPoolMXBean();
        ds.close();
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertEquals("08003", e.getSQLState());
        assertEquals(0, pool.getTotalConnections());
    }

    @Test
    void aDataSourceAndAUrlOnTheSameFileShareOneWriteGate() throws Exception {
        Path file = dir.resolve("shared.db");
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource(file.toString() + "?busy_timeout=200");
             Connection a = ds.getConnection();
             Connection b = DriverManager.getConnection("jdbc:pooledsqlite:" + file + "?busy_timeout=200")) {
            a.createStatement().executeUpdate("create table t(x)");
            a.setAutoCommit(false);
            a.createStatement().executeUpdate("insert into t values (1)");
            SQLException e = assertThrows(SQLException.class,
                    () -> b.createStatement().executeUpdate("insert into t values (2)"));
            assertEquals(5, e.getErrorCode(), "same thread, second connection: SQLITE_BUSY, not a hang");
            assertTrue(e.getMessage().contains("already holds the write lock"),
                    "refused by the shared gate at once, not by SQLite after busy_timeout: " + e.getMessage());
            a.commit();
            b.createStatement().executeUpdate("insert into t values (2)");
            assertEquals(2, Databases.queryLong(b, "select count(*) from t"));
        }
    }
}
