package io.pooledsqlite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every setting reaches its typed accessor, defaults and values the user gave. */
class PoolConfigTest {
    private static PoolConfig parse(String url) throws SQLException {
        return ConfigParser.parse(url, new Properties());
    }

    @Test
    void theTimeoutsDefaultAsHikariCpsDo() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:a.db");
        assertEquals(600_000L, c.idleTimeoutMs());
        assertEquals(1_800_000L, c.maxLifetimeMs());
        assertEquals(5_000L, c.validationTimeoutMs());
        assertEquals(0L, c.leakDetectionThresholdMs(), "off");
        assertTrue(c.translateErrors());
        assertFalse(c.sqliteJdbcSemantics());
        assertEquals("none", c.integrityCheck());
        assertEquals("", c.poolName());
    }

    @Test
    void eachSettingReachesItsAccessor() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:a.db?idleTimeout=1001&maxLifetime=1002&validationTimeout=1003"
                + "&leakDetectionThreshold=1004&metrics=true&translateErrors=false&sqliteJdbcSemantics=true"
                + "&statementCacheSize=0&poolName=orders&engine=wasm&integrityCheck=full");
        assertEquals(1001L, c.idleTimeoutMs());
        assertEquals(1002L, c.maxLifetimeMs());
        assertEquals(1003L, c.validationTimeoutMs());
        assertEquals(1004L, c.leakDetectionThresholdMs());
        assertTrue(c.metrics());
        assertFalse(c.translateErrors());
        assertTrue(c.sqliteJdbcSemantics());
        assertEquals(0, c.statementCacheSize());
        assertEquals("orders", c.poolName());
        assertEquals(EngineMode.WASM, c.engine());
        assertEquals("full", c.integrityCheck());
    }

    @Test
    void knowsWhichSettingsTheUserGaveAndWhichAreDefaults() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:a.db?JOURNAL_MODE=delete&maximumPoolSize=4");
        assertTrue(c.isExplicit("journal_mode"), "under its canonical name");
        assertTrue(c.isExplicit("maxPoolSize"), "an alias sets the canonical key");
        assertFalse(c.isExplicit("synchronous"), "a default of the pool");
        assertFalse(c.isExplicit("minIdle"));
        assertEquals("WAL", parse("jdbc:pooledsqlite:a.db").sqliteSettings().get("journal_mode"));
    }

    @Test
    void theSqlitePropertiesAreTheEffectiveSqliteSettings() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:a.db?foreign_keys=true");
        Properties p = c.sqliteProperties();
        assertEquals(c.sqliteSettings().size(), p.size());
        assertEquals("true", p.getProperty("foreign_keys"));
        assertEquals("WAL", p.getProperty("journal_mode"));
    }

    @Test
    void printsAsItsIdentityNamingTargetAndSettings() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:/data/a.db?maxPoolSize=3");
        assertEquals(c.identity(), c.toString());
        assertTrue(c.toString().contains("/data/a.db") && c.toString().contains("maxPoolSize=3"), c.toString());
    }
}
