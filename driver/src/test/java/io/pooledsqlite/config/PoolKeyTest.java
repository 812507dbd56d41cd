package io.pooledsqlite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PoolKeyTest {
    @Test
    void onlyMaxPoolSizeAndMinIdleHaveAHikariCpAlias() {
        assertEquals("maximumPoolSize", PoolKey.MAX_POOL_SIZE.hikariName());
        assertEquals("minimumIdle", PoolKey.MIN_IDLE.hikariName());
        for (PoolKey k : PoolKey.values()) {
            if (k != PoolKey.MAX_POOL_SIZE && k != PoolKey.MIN_IDLE) {
                assertNull(k.hikariName(), k.key());
            }
        }
    }

    @Test
    void findsAKeyByNameOrAliasInAnyCaseAndNothingElse() {
        assertEquals(PoolKey.MAX_POOL_SIZE, PoolKey.find("MaximumPoolSize"));
        assertEquals(PoolKey.POOL_NAME, PoolKey.find("POOLNAME"));
        assertNull(PoolKey.find(""), "an empty name is no key, not the alias-less poolName");
        assertNull(PoolKey.find("journal_mode"));
    }
}
