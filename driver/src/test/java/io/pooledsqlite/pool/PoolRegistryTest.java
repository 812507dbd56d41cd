package io.pooledsqlite.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry of live pools: which pool a URL or a configuration is given, when a new one is started in
 * place of a closed one, and which pools it lists. Every pool here is on a file in this test's own
 * directory, closed after each test; {@link PoolRegistry#closeAll()} is never called, as it would close the
 * pools of the test classes running beside (it is left to the shutdown hook and the driver's own tests).
 */
class PoolRegistryTest {
    @TempDir
    Path dir;

    @AfterEach
    void closeMyPools() {
        Databases.closePools(dir);
    }

    private static Properties none() {
        return new Properties();
    }

    private static Properties with(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return p;
    }

    /** The URL of a new file in this test's directory with its own pool name, and no other setting. */
    private String url() {
        return Databases.url(dir, "");
    }

    @Test
    void theSameUrlIsGivenTheSamePool() throws SQLException {
        String url = url();

        ConnectionPool first = PoolRegistry.shared(url, none());
        ConnectionPool again = PoolRegistry.shared(url, none());

        assertNotNull(first);
        assertSame(first, again);
        assertFalse(first.isClosed());
    }

    @Test
    void theCredentialsDriverManagerAddsDoNotMakeAnotherPool() throws SQLException {
        String url = url();
        Properties credentials = new Properties();
        credentials.setProperty("user", "someone");
        credentials.setProperty("password", "secret");

        assertSame(PoolRegistry.shared(url, none()), PoolRegistry.shared(url, credentials));
        assertSame(PoolRegistry.shared(url, null), PoolRegistry.shared(url, credentials));
    }

    @Test
    void theSameConfigurationReachedByAnotherUrlIsGivenTheSamePool() throws SQLException {
        String name = "registry-" + System.nanoTime();
        String file = dir.resolve(name + ".db").toString();
        String oneWay = "jdbc:pooledsqlite:" + file + "?poolName=" + name + "&maxPoolSize=3";
        String otherWay = "jdbc:pooledsqlite:" + file + "?maxPoolSize=3&poolName=" + name;
        String byProperty = "jdbc:pooledsqlite:" + file + "?poolName=" + name;

        ConnectionPool pool = PoolRegistry.shared(oneWay, none());

        assertSame(pool, PoolRegistry.shared(otherWay, none()));
        assertSame(pool, PoolRegistry.shared(byProperty, with("maxPoolSize", "3")));
        assertSame(pool, PoolRegistry.shared(ConfigParser.parse(otherWay, none())));
    }

    @Test
    void settingsInThePropertiesAreNotAnsweredFromThePoolOfTheUrlAlone() throws SQLException {
        String url = url();
        ConnectionPool plain = PoolRegistry.shared(url, none());

        ConnectionPool withSettings = PoolRegistry.shared(url, with("maxPoolSize", "3"));

        assertNotSame(plain, withSettings);
        assertEquals(3, withSettings.config().maxPoolSize());
        assertSame(withSettings, PoolRegistry.shared(url, with("maxPoolSize", "3")));
    }

    @Test
    void aPoolStartedForPropertiesIsNotGivenForTheUrlAlone() throws SQLException {
        String url = url();
        ConnectionPool withSettings = PoolRegistry.shared(url, with("maxPoolSize", "3"));

        ConnectionPool plain = PoolRegistry.shared(url, none());

        assertNotSame(withSettings, plain);
        assertSame(plain, PoolRegistry.shared(url, none()));
    }

    @Test
    void aClosedPoolIsReplacedOnTheNextUseOfItsUrl() throws SQLException {
        String url = url();
        ConnectionPool first = PoolRegistry.shared(url, none());
        first.close();

        ConnectionPool next = PoolRegistry.shared(url, none());

        assertNotSame(first, next);
        assertFalse(next.isClosed());
        assertSame(next, PoolRegistry.shared(url, none()));
        assertSame(next, PoolRegistry.shared(ConfigParser.parse(url, none())));
    }

    @Test
    void aClosedPoolIsReplacedOnTheNextUseOfItsConfiguration() throws SQLException {
        PoolConfig config = ConfigParser.parse(url(), none());
        ConnectionPool first = PoolRegistry.shared(config);
        assertSame(first, PoolRegistry.shared(config));
        first.close();

        ConnectionPool next = PoolRegistry.shared(config);

        assertNotSame(first, next);
        assertFalse(next.isClosed());
        assertSame(next, PoolRegistry.shared(config));
    }

    @Test
    void aClosedPoolIsReplacedForPropertiesWithSettings() throws SQLException {
        String url = url();
        ConnectionPool first = PoolRegistry.shared(url, with("maxPoolSize", "3"));
        first.close();

        ConnectionPool next = PoolRegistry.shared(url, with("maxPoolSize", "3"));

        assertNotSame(first, next);
        assertFalse(next.isClosed());
    }

    @Test
    void findGivesTheLiveSharedPoolOfAConfiguration() throws SQLException {
        String url = url();
        PoolConfig config = ConfigParser.parse(url, none());
        assertNull(PoolRegistry.find(config), "none started yet");

        ConnectionPool pool = PoolRegistry.shared(url, none());

        assertSame(pool, PoolRegistry.find(config));
        pool.close();
        assertNull(PoolRegistry.find(config), "closed");
    }

    @Test
    void aPrivatePoolIsLiveButNeverShared() throws SQLException {
        String url = url();
        PoolConfig config = ConfigParser.parse(url, none());

        ConnectionPool own = PoolRegistry.startPrivate(config);

        assertNotNull(own);
        assertFalse(own.isClosed());
        assertTrue(PoolRegistry.live().contains(own));
        assertNull(PoolRegistry.find(config));
        ConnectionPool shared = PoolRegistry.shared(url, none());
        assertNotSame(own, shared);
        assertNotSame(own, PoolRegistry.shared(config));
        assertNotSame(own, PoolRegistry.startPrivate(config), "each data source has its own");
    }

    @Test
    void liveListsTheOpenPoolsOnly() throws SQLException {
        ConnectionPool shared = PoolRegistry.shared(url(), none());
        ConnectionPool own = PoolRegistry.startPrivate(ConfigParser.parse(url(), none()));
        ConnectionPool closed = PoolRegistry.shared(url(), none());
        closed.close();

        assertTrue(PoolRegistry.live().contains(shared));
        assertTrue(PoolRegistry.live().contains(own));
        assertFalse(PoolRegistry.live().contains(closed));
    }
}
