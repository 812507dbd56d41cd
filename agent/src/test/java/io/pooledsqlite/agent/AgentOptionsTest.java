package io.pooledsqlite.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The agent's argument string uses the URL's keys and reports mistakes the way the driver does. */
class AgentOptionsTest {

  @Test
  void poolAndSqliteKeysAreAccepted() {
    AgentOptions options = AgentOptions.parse("maxPoolSize=8, statementCacheSize=128,journal_mode=DELETE");
    Properties merged = options.forConnect("app.db", new Properties());
    assertEquals("8", merged.getProperty("maxPoolSize"));
    assertEquals("128", merged.getProperty("statementCacheSize"));
    assertEquals("DELETE", merged.getProperty("journal_mode"));
  }

  @Test
  void noArgumentsMeanTheDriversDefaults() {
    assertEquals("native", AgentOptions.parse(null).forConnect("app.db", null).getProperty("engine"));
    assertEquals("native", AgentOptions.parse("").forConnect("app.db", null).getProperty("engine"));
  }

  @Test
  void theProgramsOwnSettingsWinOverAgentOptions() {
    Properties program = new Properties();
    program.setProperty("busy_timeout", "3000");
    Properties merged = AgentOptions.parse("busy_timeout=100,maxPoolSize=2").forConnect("app.db", program);
    assertEquals("3000", merged.getProperty("busy_timeout"));
    assertEquals("2", merged.getProperty("maxPoolSize"));
  }

  @Test
  void settingsInTheProgramsUrlWinOverAgentOptions() {
    Properties merged = AgentOptions.parse("journal_mode=DELETE,maxPoolSize=2")
        .forConnect("app.db?Journal_Mode=TRUNCATE&foreign_keys=on", new Properties());
    assertNull(merged.getProperty("journal_mode"));
    assertEquals("2", merged.getProperty("maxPoolSize"));
  }

  @Test
  void noSqliteSettingIsForcedUnlessAnOptionAsksForThePoolsDefaults() {
    Properties plain = AgentOptions.parse("").forConnect("app.db", null);
    assertEquals("false", plain.getProperty("pragmaDefaults"));
    assertNull(plain.getProperty("journal_mode"));
    Properties asked = AgentOptions.parse("pragmaDefaults=true").forConnect("app.db", null);
    assertEquals("true", asked.getProperty("pragmaDefaults"));
  }

  @Test
  void noStatementCacheUnlessAnOptionAsksForOne() {
    assertEquals("0", AgentOptions.parse("").forConnect("app.db", null).getProperty("statementCacheSize"));
    assertEquals("64",
        AgentOptions.parse("statementCacheSize=64").forConnect("app.db", null).getProperty("statementCacheSize"));
  }

  @Test
  void theAgentsPoolsAlwaysKeepSqliteJdbcsSemantics() {
    assertEquals("true", AgentOptions.parse("").forConnect("app.db", null).getProperty("sqliteJdbcSemantics"));
    Properties program = new Properties();
    program.setProperty("sqliteJdbcSemantics", "false");
    assertEquals("true", AgentOptions.parse("sqliteJdbcSemantics=false")
        .forConnect("app.db", program).getProperty("sqliteJdbcSemantics"));
  }

  @Test
  void aLegacyProgramWaitsAtMostASecondForAPooledConnectionUnlessTold() {
    assertEquals("1000", AgentOptions.parse("").forConnect("app.db", null).getProperty("connectionTimeout"));
    Properties told = AgentOptions.parse("ConnectionTimeout=5000").forConnect("app.db", null);
    assertEquals("5000", told.getProperty("ConnectionTimeout"));
    assertNull(told.getProperty("connectionTimeout"));
  }

  @Test
  void keysDifferingOnlyInCaseAreOneSetting() {
    Properties program = new Properties();
    program.setProperty("busy_timeout", "3000");
    Properties merged = AgentOptions.parse("BUSY_TIMEOUT=100").forConnect("app.db", program);
    assertEquals("3000", merged.getProperty("busy_timeout"));
    assertNull(merged.getProperty("BUSY_TIMEOUT"));
  }

  @Test
  void aBadValueIsOneLineNamingTheKeyAndTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("maxPoolSize=lots"));
    assertTrue(e.getMessage().contains("maxPoolSize") && e.getMessage().contains("lots"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void anUnknownKeyNamesTheClosestValidOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("maxPoolSise=4"));
    assertTrue(e.getMessage().contains("maxPoolSise") && e.getMessage().contains("maxPoolSize"), e.getMessage());
  }

  @Test
  void anOptionWithoutAValueIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("maxPoolSize"));
    assertTrue(e.getMessage().contains("key=value"), e.getMessage());
  }

  @Test
  void thePureJavaEngineIsRefusedBecauseTheAgentPoolsTheApplicationsSqliteJdbc() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("engine=wasm"));
    assertTrue(e.getMessage().contains("engine"), e.getMessage());
  }
}
