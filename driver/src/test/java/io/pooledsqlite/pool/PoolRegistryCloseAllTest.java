package io.pooledsqlite.pool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.junit.jupiter.api.parallel.Isolated;

/** Isolated: {@link PoolRegistry#closeAll()} closes every pool in the JVM, those of test classes running beside it too. */
@Isolated
class PoolRegistryCloseAllTest {
    @TempDir
    Path dir;

    @AfterEach
    void closeMyPools() {
        Databases.closePools(dir);
    }

    @Test
    void closeAllClosesSharedAndPrivatePoolsAndTheNextUseStartsAFreshOne() throws SQLException {
        String url = Databases.url(dir, "");
        PoolConfig config = ConfigParser.parse(url, new Properties());
        ConnectionPool shared = PoolRegistry.shared(url, new Properties());
        ConnectionPool own = PoolRegistry.startPrivate(ConfigParser.parse(Databases.url(dir, ""), new Properties()));

        PoolRegistry.closeAll();

        assertTrue(shared.isClosed());
        assertTrue(own.isClosed());
        assertFalse(PoolRegistry.live().contains(shared));
        assertNull(PoolRegistry.find(config));
        ConnectionPool next = PoolRegistry.shared(url, new Properties());
        assertNotSame(shared, next);
        assertFalse(next.isClosed());
    }
}
