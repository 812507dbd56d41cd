package io.pooledsqlite.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.agentsupport.PooledSQLiteConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;
import org.sqlite.SQLiteOpenMode;

/**
 * Where sqlite-jdbc and the JDBC specification disagree, a connection the agent lends behaves as
 * sqlite-jdbc's own. Each scenario runs on a plain sqlite-jdbc connection (the oracle) and on a pooled
 * one made with the agent's settings, and both must report the same.
 */
class SqliteJdbcSemanticsTest {

  @TempDir Path dir;
  private final PooledSqliteDriver driver = new PooledSqliteDriver();

  @AfterEach
  void closePools() {
    PooledSqliteDriver.closeAll();
  }

  private interface Scenario {
    String run(Connection connection) throws SQLException;
  }

  /** Runs the scenario on plain sqlite-jdbc and through the pool, each on its own file; both must agree. */
  private void assertSameAsSqliteJdbc(String name, Properties settings, Scenario scenario) throws SQLException {
    String plainFile = dir.resolve("plain-" + name).toString();
    String pooledFile = dir.resolve("pooled-" + name).toString();
    for (String file : new String[] {plainFile, pooledFile}) {
      // both files exist with a table before the scenario, so a read-only open finds them
      try (Connection setup = new JDBC().connect("jdbc:sqlite:" + file, new Properties())) {
        setup.createStatement().executeUpdate("create table t (x)");
      }
    }
    String plain;
    try (Connection connection = new JDBC().connect("jdbc:sqlite:" + plainFile, settings)) {
      plain = scenario.run(connection);
    }
    String pooled;
    Properties forPool = AgentOptions.parse("").forConnect(pooledFile, settings);
    try (Connection connection =
        new PooledSQLiteConnection(driver.connect(PooledSqliteDriver.URL_PREFIX + pooledFile, forPool))) {
      pooled = scenario.run(connection);
    }
    assertEquals(plain, pooled);
  }

  private void assertSameAsSqliteJdbc(String name, Scenario scenario) throws SQLException {
    assertSameAsSqliteJdbc(name, new Properties(), scenario);
  }

  private static String attempt(Scenario step, Connection connection) {
    try {
      return step.run(connection);
    } catch (SQLException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  @Test
  void aSavepointInAutoCommitModeTurnsAutoCommitOff() throws SQLException {
    assertSameAsSqliteJdbc("savepoint.db", connection -> {
      connection.createStatement().executeUpdate("create table if not exists s (x)");
      connection.setSavepoint();
      String autoCommit = "auto-commit " + connection.getAutoCommit();
      connection.createStatement().executeUpdate("insert into s values (1)");
      connection.rollback();
      connection.setAutoCommit(true);
      try (ResultSet rows = connection.createStatement().executeQuery("select count(*) from s")) {
        rows.next();
        return autoCommit + ", rows " + rows.getInt(1);
      }
    });
  }

  @Test
  void commitInAutoCommitModeAndAClosedConnectionFailInSqliteJdbcsWords() throws SQLException {
    assertSameAsSqliteJdbc("words.db", connection -> {
      String commit = attempt(c -> {
        c.commit();
        return "committed";
      }, connection);
      String rollback = attempt(c -> {
        c.rollback();
        return "rolled back";
      }, connection);
      return commit + " / " + rollback;
    });
    assertSameAsSqliteJdbc("closed.db", connection -> {
      connection.close();
      return attempt(c -> String.valueOf(c.createStatement()), connection) + " / "
          + attempt(c -> Boolean.toString(c.getAutoCommit()), connection);
    });
  }

  @Test
  void aStatementExecutedAgainRefillsTheResultSetTheProgramStillHolds() throws SQLException {
    assertSameAsSqliteJdbc("again.db", connection -> {
      Statement statement = connection.createStatement();
      ResultSet first = statement.executeQuery("select 1");
      ResultSet second = statement.executeQuery("select 2");
      String sameObject = "same " + (first == second);
      String firstNext = "next " + first.next() + " " + first.getInt(1) + " " + first.next();
      second.close();
      String afterClose = "closed next " + second.next() + ", closed " + second.isClosed()
          + ", getInt " + attempt(c -> Integer.toString(second.getInt(1)), connection)
          + ", statement " + attempt(c -> Boolean.toString(second.getStatement() == statement), connection);
      statement.executeUpdate("insert into t values (1)");
      return sameObject + ", " + firstNext + ", " + afterClose + ", after an update " + first.next();
    });
  }

  /** The refilled result set never outlives its statement: a stale one cannot read the next borrower's rows. */
  @Test
  void aResultSetKeptAfterItsConnectionWentBackReadsNothingOfTheNextBorrower() throws SQLException {
    String file = dir.resolve("stale.db").toString();
    Properties settings = AgentOptions.parse("maxPoolSize=1,statementCacheSize=8").forConnect(file, null);
    String url = PooledSqliteDriver.URL_PREFIX + file;
    ResultSet stale;
    ResultSet staleClosed;
    try (Connection first = new PooledSQLiteConnection(driver.connect(url, settings))) {
      first.createStatement().executeUpdate("create table t (x)");
      first.createStatement().executeUpdate("insert into t values (1), (2), (3)");
      stale = first.prepareStatement("select x from t").executeQuery();
      staleClosed = first.prepareStatement("select x from t where x > 1").executeQuery();
      staleClosed.close();
    }
    try (Connection second = new PooledSQLiteConnection(driver.connect(url, settings));
        ResultSet rows = second.prepareStatement("select x from t").executeQuery();
        ResultSet more = second.prepareStatement("select x from t where x > 1").executeQuery()) {
      assertEquals(true, rows.next());
      assertEquals(true, more.next());
      assertEquals(false, stale.next());
      assertEquals(false, staleClosed.next());
      assertEquals(1, rows.getInt(1), "the next borrower's rows were not consumed");
      assertEquals(2, more.getInt(1));
    }
    assertEquals(1, PooledSqliteDriver.pool(url, settings).getConnectionsCreated(), "one physical connection");
    assertEquals(2, PooledSqliteDriver.pool(url, settings).getStatementCacheHits(), "the same physical statements");
  }

  @Test
  void getResultSetHandsTheResultSetOutOnce() throws SQLException {
    assertSameAsSqliteJdbc("once.db", connection -> {
      Statement statement = connection.createStatement();
      String afterQuery = attempt(c -> {
        statement.executeQuery("select 1");
        return String.valueOf(statement.getResultSet() != null);
      }, connection);
      String afterExecute = attempt(c -> {
        statement.execute("select 2");
        return String.valueOf(statement.getResultSet() != null);
      }, connection);
      String again = attempt(c -> String.valueOf(statement.getResultSet() != null), connection);
      return afterQuery + " / " + afterExecute + " / " + again;
    });
  }

  @Test
  void statementsMetadataAndTheirResultSetsAnswerTheConnectionTheProgramHolds() throws SQLException {
    assertSameAsSqliteJdbc("metadata.db", connection -> {
      DatabaseMetaData metaData = connection.getMetaData();
      StringBuilder answers = new StringBuilder();
      answers.append("metadata ").append(metaData.getConnection() == connection);
      try (ResultSet tables = metaData.getTables(null, null, "t", null)) {
        answers.append(", tables statement ").append(tables.getStatement() != null);
        answers.append(", its connection ").append(tables.getStatement().getConnection() == connection);
      }
      Statement statement = connection.createStatement();
      answers.append(", statement ").append(statement.getConnection() == connection);
      answers.append(", prepared ").append(connection.prepareStatement("select 1").getConnection() == connection);
      return answers.toString();
    });
  }

  @Test
  void aStatementPreparedAgainReportsItsColumnsBeforeItRuns() throws SQLException {
    assertSameAsSqliteJdbc("prepared.db", connection -> {
      StringBuilder answers = new StringBuilder();
      for (int round = 1; round <= 2; round++) {
        try (PreparedStatement select = connection.prepareStatement("select x as only from t")) {
          answers.append(attempt(c -> select.getMetaData().getColumnName(1), connection)).append(' ');
          select.executeQuery().close();
        }
      }
      return answers.toString();
    });
  }

  @Test
  void prepareCallIsRefusedInSqliteJdbcsWords() throws SQLException {
    assertSameAsSqliteJdbc("call.db", connection ->
        attempt(c -> String.valueOf(c.prepareCall("select 1")), connection));
  }

  /** sqlite-jdbc gives up after its busy timeout; the pool's retries of a busy write are for its own URL. */
  @Test
  void aWriteBlockedByAnOpenReadFailsOnceWithoutRetries() throws SQLException {
    Properties settings = new Properties();
    settings.setProperty("busy_timeout", "50");
    String plainFile = dir.resolve("plain-blocked.db").toString();
    String pooledFile = dir.resolve("pooled-blocked.db").toString();
    String plain;
    try (Connection reader = new JDBC().connect("jdbc:sqlite:" + plainFile, settings);
        Connection writer = new JDBC().connect("jdbc:sqlite:" + plainFile, settings)) {
      plain = writeWhileReading(reader, writer);
    }
    Properties forPool = AgentOptions.parse("").forConnect(pooledFile, settings);
    String url = PooledSqliteDriver.URL_PREFIX + pooledFile;
    String pooled;
    try (Connection reader = new PooledSQLiteConnection(driver.connect(url, forPool));
        Connection writer = new PooledSQLiteConnection(driver.connect(url, forPool))) {
      pooled = writeWhileReading(reader, writer);
    }
    assertEquals(plain, pooled);
    assertEquals(0, PooledSqliteDriver.pool(url, forPool).getBusyRetries());
  }

  private static String writeWhileReading(Connection reader, Connection writer) throws SQLException {
    reader.createStatement().executeUpdate("create table if not exists t (x)");
    reader.createStatement().executeUpdate("insert into t values (1), (2)");
    try (Statement statement = reader.createStatement(); ResultSet rows = statement.executeQuery("select x from t")) {
      rows.next();
      return attempt(c -> Integer.toString(c.createStatement().executeUpdate("insert into t values (3)")), writer);
    }
  }

  @Test
  void aConnectionOpenedReadOnlySaysSoAndRefusesWrites() throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("open_mode", Integer.toString(SQLiteOpenMode.READONLY.flag));
    assertSameAsSqliteJdbc("readonly.db", readOnly, connection -> "read-only " + connection.isReadOnly() + ", "
        + attempt(c -> Integer.toString(c.createStatement().executeUpdate("insert into t values (1)")), connection));
  }
}
