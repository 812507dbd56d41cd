package io.pooledsqlite.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.agentsupport.PooledSQLiteConnection;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.Function;
import org.sqlite.SQLiteConnection;

/** The {@code SQLiteConnection} the agent hands to legacy code: typed like sqlite-jdbc's, lent by the pool. */
class PooledSQLiteConnectionTest {

  @TempDir Path dir;
  private String url;
  private final PooledSqliteDriver driver = new PooledSqliteDriver();

  @BeforeEach
  void createTable() throws SQLException {
    url = PooledSqliteDriver.URL_PREFIX + dir.resolve("facade.db") + "?maxPoolSize=1";
    try (PooledSQLiteConnection connection = borrow(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("create table t (x integer)");
    }
  }

  @AfterEach
  void closePools() {
    PooledSqliteDriver.closeAll();
  }

  private PooledSQLiteConnection borrow() throws SQLException {
    return new PooledSQLiteConnection(driver.connect(url, new Properties()));
  }

  @Test
  void closeHandsThePhysicalConnectionBackToThePool() throws SQLException {
    PooledSQLiteConnection first = borrow();
    first.close();
    assertTrue(first.isClosed());

    try (PooledSQLiteConnection second = borrow()) {
      assertEquals(0, single(second, "select count(*) from t"));
    }
    assertEquals(1, PooledSqliteDriver.pool(url, new Properties()).getConnectionsCreated(),
        "the second borrower got the first one's physical connection");
  }

  @Test
  void functionCreateWorksOnTheCastConnection() throws SQLException {
    try (SQLiteConnection connection = borrow()) {
      Function.create(connection, "twice", new Function() {
        @Override
        protected void xFunc() throws SQLException {
          result(value_int(0) * 2);
        }
      });
      assertEquals(42, single(connection, "select twice(21)"));
    }
  }

  @Test
  void aFunctionTheProgramCreatedIsGoneForTheNextBorrower() throws SQLException {
    try (SQLiteConnection connection = borrow()) {
      Function.create(connection, "twice", new Function() {
        @Override
        protected void xFunc() throws SQLException {
          result(value_int(0) * 2);
        }
      });
    }
    try (SQLiteConnection next = borrow()) {
      SQLException e = assertThrows(SQLException.class, () -> single(next, "select twice(1)"));
      assertTrue(e.getMessage().contains("no such function"), e.getMessage());
    }
    assertEquals(2, PooledSqliteDriver.pool(url, new Properties()).getConnectionsCreated(),
        "the physical connection that had the function was closed, not lent again");
  }

  @Test
  void transactionsAreThePoolsLogicalTransactions() throws SQLException {
    try (PooledSQLiteConnection connection = borrow()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("insert into t values (1)");
      }
      connection.rollback();
      connection.setAutoCommit(true);
      assertEquals(0, single(connection, "select count(*) from t"));
    }
  }

  @Test
  void anUnclosedTransactionIsRolledBackWhenTheConnectionGoesBack() throws SQLException {
    try (PooledSQLiteConnection connection = borrow(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.executeUpdate("insert into t values (1)");
    }
    try (PooledSQLiteConnection connection = borrow()) {
      assertTrue(connection.getAutoCommit());
      assertEquals(0, single(connection, "select count(*) from t"));
    }
  }

  @Test
  void listenersAddedThroughItDoNotHearTheNextBorrower() throws SQLException {
    AtomicInteger updates = new AtomicInteger();
    try (PooledSQLiteConnection connection = borrow(); Statement statement = connection.createStatement()) {
      connection.addUpdateListener((type, database, table, rowId) -> updates.incrementAndGet());
      statement.executeUpdate("insert into t values (1)");
    }
    try (PooledSQLiteConnection connection = borrow(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("insert into t values (2)");
    }
    assertEquals(1, updates.get());
  }

  @Test
  void unwrappingToSQLiteConnectionGivesItBack() throws SQLException {
    try (PooledSQLiteConnection connection = borrow()) {
      assertSame(connection, connection.unwrap(SQLiteConnection.class));
      assertTrue(connection.isWrapperFor(SQLiteConnection.class));
    }
  }

  /** An inherited Connection method would act on sqlite-jdbc's own state instead of the pool's. */
  @Test
  void everyConnectionMethodGoesToThePool() {
    List<String> inherited = new ArrayList<>();
    for (Method method : java.sql.Connection.class.getMethods()) {
      try {
        PooledSQLiteConnection.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
      } catch (NoSuchMethodException e) {
        inherited.add(method.toString());
      }
    }
    assertEquals(List.of(), inherited);
  }

  private static int single(java.sql.Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
