package io.pooledsqlite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteOpenMode;

class ConfigParserTest {
    private static PoolConfig parse(String url) throws SQLException {
        return ConfigParser.parse(url, new Properties());
    }

    @Test
    void splitsTheTargetFromPoolAndSqliteKeys() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:/data/app.db?maxPoolSize=4&journal_mode=DELETE&foreign_keys=true");
        assertEquals("/data/app.db", c.target());
        assertEquals(4, c.maxPoolSize());
        assertEquals("DELETE", c.sqliteSettings().get("journal_mode"));
        assertEquals("true", c.sqliteSettings().get("foreign_keys"));
    }

    @Test
    void appliesThePoolsSqliteDefaultsWhereTheUserSetNothing() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:app.db?synchronous=FULL");
        assertEquals("WAL", c.sqliteSettings().get("journal_mode"));
        assertEquals("FULL", c.sqliteSettings().get("synchronous"), "the user's value wins");
        assertEquals("5000", c.sqliteSettings().get("busy_timeout"));
        assertEquals("MEMORY", c.sqliteSettings().get("temp_store"));
        assertEquals(5000, c.busyTimeoutMs());
    }

    @Test
    void hasHikariLikePoolDefaults() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:app.db");
        assertEquals(10, c.maxPoolSize());
        assertEquals(1, c.minIdle());
        assertEquals(30_000, c.connectionTimeoutMs());
        assertEquals(256, c.statementCacheSize());
        assertEquals(EngineMode.AUTO, c.engine());
        assertTrue(c.registerMbeans());
        assertFalse(c.metrics());
    }

    @Test
    void propertiesOverrideUrlValues() throws Exception {
        Properties p = new Properties();
        p.setProperty("maxPoolSize", "7");
        p.setProperty("journal_mode", "TRUNCATE");
        PoolConfig c = ConfigParser.parse("jdbc:pooledsqlite:app.db?maxPoolSize=3&journal_mode=WAL", p);
        assertEquals(7, c.maxPoolSize());
        assertEquals("TRUNCATE", c.sqliteSettings().get("journal_mode"));
    }

    @Test
    void keepsSqliteUriParametersOfFileUrisInTheTarget() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:file:/data/app.db?mode=ro&maxPoolSize=2&cache=private");
        assertEquals("file:/data/app.db?mode=ro&cache=private", c.target());
        assertEquals(2, c.maxPoolSize());
    }

    @Test
    void recognisesPrivateInMemoryDatabases() throws Exception {
        assertTrue(parse("jdbc:pooledsqlite::memory:").inMemory());
        assertTrue(parse("jdbc:pooledsqlite:").inMemory());
        assertTrue(parse("jdbc:pooledsqlite::memory:?minIdle=0").minIdle() >= 1,
                "an in-memory pool keeps a connection, or its database vanishes");
        assertFalse(parse("jdbc:pooledsqlite:a.db").inMemory());
    }

    @Test
    void anUnknownKeyIsAnErrorNamingItAndTheClosestValidKey() {
        SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?maxPoolSzie=3"));
        assertEquals(ConfigErrors.UNKNOWN_KEY, e.getSQLState());
        assertTrue(e.getMessage().contains("'maxPoolSzie'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'maxPoolSize'"), e.getMessage());

        SQLException s = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?journal_mod=WAL"));
        assertTrue(s.getMessage().contains("did you mean 'journal_mode'"), s.getMessage());
    }

    @Test
    void unknownKeysInPropertiesAreErrorsToo() {
        Properties p = new Properties();
        p.setProperty("conectionTimeout", "10");
        SQLException e = assertThrows(SQLException.class, () -> ConfigParser.parse("jdbc:pooledsqlite:a.db", p));
        assertTrue(e.getMessage().contains("did you mean 'connectionTimeout'"), e.getMessage());
    }

    @Test
    void outOfRangeAndWronglyTypedValuesAreErrorsNamingTheKeyAndTheExpectation() {
        String[][] cases = {
            {"maxPoolSize=0", "maxPoolSize", "from 1"},
            {"connectionTimeout=-5", "connectionTimeout", "from 1"},
            {"statementCacheSize=abc", "statementCacheSize", "whole number"},
            {"engine=gpu", "engine", "auto|native|wasm"},
            {"registerMbeans=yes", "registerMbeans", "true|false"},
            {"journal_mode=FOO", "journal_mode", "WAL"},
            {"busy_timeout=soon", "busy_timeout", "milliseconds"},
            {"minIdle=5&maxPoolSize=2", "minIdle", "maxPoolSize"},
        };
        for (String[] c : cases) {
            SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?" + c[0]), c[0]);
            assertEquals(ConfigErrors.BAD_VALUE, e.getSQLState(), c[0]);
            assertTrue(e.getMessage().contains("'" + c[1] + "'"), e.getMessage());
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
    }

    @Test
    void malformedUrlsAreRejectedWithTheReason() {
        SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?maxPoolSize"));
        assertEquals(ConfigErrors.BAD_URL, e.getSQLState());
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
        SQLException other = assertThrows(SQLException.class, () -> parse("jdbc:mysql://x/y"));
        assertTrue(other.getMessage().contains("jdbc:pooledsqlite:"), other.getMessage());
    }

    @Test
    void identityDistinguishesSettingsButNotTheirOrder() throws Exception {
        assertEquals(parse("jdbc:pooledsqlite:a.db?maxPoolSize=2&minIdle=1").identity(),
                parse("jdbc:pooledsqlite:a.db?minIdle=1&maxPoolSize=2").identity());
        assertNotEquals(parse("jdbc:pooledsqlite:a.db?maxPoolSize=2").identity(),
                parse("jdbc:pooledsqlite:a.db?maxPoolSize=3").identity());
    }

    @Test
    void hikariCpsNamesAreAliasesOfMaxPoolSizeAndMinIdle() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:a.db?maximumPoolSize=4&minimumIdle=2");
        assertEquals(4, c.maxPoolSize());
        assertEquals(2, c.minIdle());
        assertEquals(6, parse("jdbc:pooledsqlite:a.db?MAXIMUMPOOLSIZE=6").maxPoolSize(), "names ignore case");
        assertEquals(parse("jdbc:pooledsqlite:a.db?maxPoolSize=4&minIdle=2").identity(), c.identity(),
                "an alias is the same setting, so the same pool");
        assertEquals(3, parse("jdbc:pooledsqlite:a.db?maxPoolSize=3&maximumPoolSize=3").maxPoolSize(),
                "both names with one value agree");
    }

    @Test
    void bothNamesOfOneSettingWithDifferentValuesAreAnError() {
        SQLException e = assertThrows(SQLException.class,
                () -> parse("jdbc:pooledsqlite:a.db?maxPoolSize=3&maximumPoolSize=7"));
        assertEquals(ConfigErrors.BAD_VALUE, e.getSQLState());
        assertTrue(e.getMessage().contains("'maxPoolSize'") && e.getMessage().contains("'maximumPoolSize'"),
                e.getMessage());
        Properties p = new Properties();
        p.setProperty("minIdle", "1");
        p.setProperty("minimumIdle", "2");
        SQLException inProperties = assertThrows(SQLException.class,
                () -> ConfigParser.parse("jdbc:pooledsqlite:a.db", p));
        assertTrue(inProperties.getMessage().contains("'minimumIdle'"), inProperties.getMessage());
        Properties q = new Properties();
        q.setProperty("maxPoolSize", "2");
        q.setProperty("MAXPOOLSIZE", "5");
        assertThrows(SQLException.class, () -> ConfigParser.parse("jdbc:pooledsqlite:a.db", q),
                "one name in two cases is one setting too");
    }

    @Test
    void aPropertyOverridesTheUrlUnderEitherName() throws Exception {
        Properties p = new Properties();
        p.setProperty("maximumPoolSize", "7");
        assertEquals(7, ConfigParser.parse("jdbc:pooledsqlite:a.db?maxPoolSize=3", p).maxPoolSize());
        Properties q = new Properties();
        q.setProperty("minIdle", "0");
        assertEquals(0, ConfigParser.parse("jdbc:pooledsqlite:a.db?minimumIdle=2", q).minIdle());
    }

    @Test
    void errorsNameTheAliasAsTheUserWroteIt() {
        SQLException zero = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?maximumPoolSize=0"));
        assertEquals(ConfigErrors.BAD_VALUE, zero.getSQLState());
        assertTrue(zero.getMessage().contains("'maximumPoolSize'"), zero.getMessage());
        SQLException above = assertThrows(SQLException.class,
                () -> parse("jdbc:pooledsqlite:a.db?minimumIdle=5&maximumPoolSize=2"));
        assertTrue(above.getMessage().contains("'minimumIdle'") && above.getMessage().contains("maximumPoolSize (2)"),
                above.getMessage());
        SQLException typo = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?maximumPoolSzie=2"));
        assertEquals(ConfigErrors.UNKNOWN_KEY, typo.getSQLState());
        assertTrue(typo.getMessage().contains("did you mean 'maximumPoolSize'"), typo.getMessage());
    }

    @Test
    void settingsAreParsedIntoTheirTypesOnce() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:a.db?connectionTimeout=1500&engine=NATIVE&registerMbeans=FALSE"
                + "&integrityCheck=Quick&busy_timeout=250&idleTimeout=0");
        assertEquals(1500L, c.connectionTimeoutMs());
        assertEquals(EngineMode.NATIVE, c.engine());
        assertFalse(c.registerMbeans());
        assertEquals("quick", c.integrityCheck(), "choices in canonical form");
        assertEquals(250L, c.busyTimeoutMs());
        assertEquals(0L, c.idleTimeoutMs());
        assertEquals(Target.Kind.FILE, c.parsedTarget().kind());
    }


    @Test
    void aKeyGivenTwiceInTheUrlIsAMalformedUrl() {
        SQLException e = assertThrows(SQLException.class,
                () -> parse("jdbc:pooledsqlite:a.db?maxPoolSize=2&maxPoolSize=3"));
        assertEquals(ConfigErrors.BAD_URL, e.getSQLState());
        assertTrue(e.getMessage().contains("'maxPoolSize' is given twice"), e.getMessage());
    }

    @Test
    void aPairWithoutAKeyIsAMalformedUrlNotAnUnknownSetting() {
        SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?=3"));
        assertEquals(ConfigErrors.BAD_URL, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("'=3' is not of the form key=value"), e.getMessage());
    }

    @Test
    void credentialsInTheUrlAreAcceptedAndIgnored() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:a.db?user=alice&password=secret&PASS=x&maxPoolSize=3");
        assertEquals(3, c.maxPoolSize());
        assertEquals(parse("jdbc:pooledsqlite:a.db?maxPoolSize=3").identity(), c.identity(),
                "credentials name no setting, so not another pool");
        assertFalse(c.sqliteSettings().containsKey("password"), "not sqlite-jdbc's encryption password either");
    }

    @Test
    void connectPropertiesWithOnlyCredentialsCarryNoSettings() {
        assertTrue(ConfigParser.hasNoSettings(null));
        assertTrue(ConfigParser.hasNoSettings(new Properties()));
        assertTrue(ConfigParser.hasNoSettings(Databases.properties("user", "alice", "Password", "secret")));
        assertFalse(ConfigParser.hasNoSettings(Databases.properties("user", "alice", "maxPoolSize", "3")));
        assertFalse(ConfigParser.hasNoSettings(Databases.properties("journal_mode", "DELETE")));
    }

    @Test
    void aPropertyReplacesOnlyTheUrlValueOfItsOwnSetting() throws Exception {
        PoolConfig c = ConfigParser.parse(
                "jdbc:pooledsqlite:a.db?minIdle=2&maxPoolSize=3&synchronous=FULL&journal_mode=WAL",
                Databases.properties("maximumPoolSize", "7", "JOURNAL_MODE", "DELETE"));
        assertEquals(7, c.maxPoolSize(), "replaced under its alias");
        assertEquals("DELETE", c.sqliteSettings().get("journal_mode"), "replaced under another case");
        assertEquals(2, c.minIdle(), "another pool setting of the URL stays");
        assertEquals("FULL", c.sqliteSettings().get("synchronous"), "another SQLite setting of the URL stays");
    }

    @Test
    void thePoolSizeIsBoundedAbove() throws Exception {
        assertEquals(10_000, parse("jdbc:pooledsqlite:a.db?maxPoolSize=10000").maxPoolSize());
        SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?maxPoolSize=10001"));
        assertEquals(ConfigErrors.BAD_VALUE, e.getSQLState());
        assertTrue(e.getMessage().contains("'10001'") && e.getMessage().contains("from 1 to 10000"), e.getMessage());
    }

    @Test
    void aBusyTimeoutOfZeroMeansNoWait() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:a.db?busy_timeout=0");
        assertEquals(0L, c.busyTimeoutMs());
        SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?busy_timeout=-1"));
        assertEquals(ConfigErrors.BAD_VALUE, e.getSQLState());
        assertTrue(e.getMessage().contains("0 or more"), e.getMessage());
    }

    @Test
    void numericSqliteSettingsMustBeWholeNumbers() throws Exception {
        assertEquals("-4000", parse("jdbc:pooledsqlite:a.db?cache_size=-4000").sqliteSettings().get("cache_size"));
        for (String key : new String[] {"cache_size", "mmap_size", "page_size", "open_mode", "user_version"}) {
            SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?" + key + "=lots"),
                    key);
            assertEquals(ConfigErrors.BAD_VALUE, e.getSQLState(), key);
            assertTrue(e.getMessage().contains("'" + key + "'") && e.getMessage().contains("a whole number"),
                    e.getMessage());
        }
    }

    @Test
    void freeTextSqliteSettingsArePassedOnAsGiven() throws Exception {
        assertEquals("yyyy-MM-dd", parse("jdbc:pooledsqlite:a.db?date_string_format=yyyy-MM-dd").sqliteSettings()
                .get("date_string_format"));
        assertEquals("/var/tmp", ConfigParser.parse("jdbc:pooledsqlite:a.db",
                Databases.properties("temp_store_directory", "/var/tmp")).sqliteSettings().get("temp_store_directory"));
    }

    @Test
    void aReadOnlyOpenModeLeavesTheFilesJournalModeAlone() throws Exception {
        int readOnly = SQLiteOpenMode.READONLY.flag;
        int readWrite = SQLiteOpenMode.READWRITE.flag | SQLiteOpenMode.CREATE.flag;
        assertNull(parse("jdbc:pooledsqlite:a.db?open_mode=" + readOnly).sqliteSettings().get("journal_mode"),
                "a read-only connection cannot switch the journal, so the default WAL is not asked for");
        assertNull(parse("jdbc:pooledsqlite:a.db?open_mode=" + (readOnly | SQLiteOpenMode.OPEN_URI.flag))
                .sqliteSettings().get("journal_mode"), "other flags beside READONLY");
        assertEquals("DELETE", parse("jdbc:pooledsqlite:a.db?open_mode=" + readOnly + "&journal_mode=DELETE")
                .sqliteSettings().get("journal_mode"), "the user's own journal_mode is passed on");
        assertEquals("WAL", parse("jdbc:pooledsqlite:a.db?open_mode=" + readWrite).sqliteSettings()
                .get("journal_mode"));
        assertEquals("WAL", parse("jdbc:pooledsqlite:a.db?open_mode=" + (readWrite | readOnly)).sqliteSettings()
                .get("journal_mode"), "READWRITE wins over READONLY, as in SQLite");
        assertNull(parse("jdbc:pooledsqlite:a.db?open_mode=" + readOnly + "&pragmaDefaults=false")
                .sqliteSettings().get("journal_mode"));
    }

    @Test
    void anOpenModeSqliteJdbcCannotReadIsRejectedHere() {
        // sqlite-jdbc reads open_mode with Integer.parseInt and would throw NumberFormatException at connect
        SQLException e = assertThrows(SQLException.class,
                () -> parse("jdbc:pooledsqlite:a.db?open_mode=4294967297"));
        assertEquals(ConfigErrors.BAD_VALUE, e.getSQLState());
        assertTrue(e.getMessage().contains("'open_mode'"), e.getMessage());
    }

    @Test
    void aDqliteTargetImpliesTheDqliteEngineAndTakesOnlyTheBusyTimeout() throws Exception {
        PoolConfig c = parse("jdbc:pooledsqlite:dqlite://n1:9001/app?busy_timeout=800&maxPoolSize=3");
        assertEquals(EngineMode.DQLITE, c.engine());
        assertEquals(3, c.maxPoolSize());
        assertEquals(Map.of("busy_timeout", "800"), c.sqliteSettings(), "no other SQLite setting is passed on");
        assertEquals(EngineMode.DQLITE, parse("jdbc:pooledsqlite:dqlite://n1:9001/app?engine=dqlite").engine());
        assertEquals(EngineMode.DQLITE, parse("jdbc:pooledsqlite:dqlite://n1:9001/app?engine=auto").engine());
        assertEquals(Map.of("busy_timeout", "5000"), parse("jdbc:pooledsqlite:dqlite://n1:9001/app").sqliteSettings(),
                "of the pool's defaults only the write-gate wait applies");
    }

    @Test
    void aDqliteTargetRefusesAnotherEngineAndSqliteSettings() {
        SQLException engine = assertThrows(SQLException.class,
                () -> parse("jdbc:pooledsqlite:dqlite://n1:9001/app?engine=native"));
        assertEquals(ConfigErrors.BAD_VALUE, engine.getSQLState());
        assertTrue(engine.getMessage().contains("'native'") && engine.getMessage().contains("dqlite://"),
                engine.getMessage());
        SQLException journal = assertThrows(SQLException.class,
                () -> parse("jdbc:pooledsqlite:dqlite://n1:9001/app?journal_mode=WAL"));
        assertEquals(ConfigErrors.BAD_VALUE, journal.getSQLState());
        assertTrue(journal.getMessage().contains("'journal_mode'") && journal.getMessage().contains("nodes' own"),
                journal.getMessage());
    }

    @Test
    void theDqliteEngineNeedsADqliteTarget() {
        SQLException e = assertThrows(SQLException.class, () -> parse("jdbc:pooledsqlite:a.db?engine=dqlite"));
        assertEquals(ConfigErrors.BAD_VALUE, e.getSQLState());
        assertTrue(e.getMessage().contains("'engine'") && e.getMessage().contains("dqlite://"), e.getMessage());
    }
}
