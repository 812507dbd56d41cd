package io.pooledsqlite.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.agentsupport.PooledSQLiteConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A busy handler the program installs on a pooled connection is called while that connection waits for
 * another pooled connection's lock (the write gate steps aside), and is gone for the next borrower. The
 * advice in {@code BusyHandler} that reports the handler runs only under the agent (see
 * {@code CompatibilityIT}); here the test reports it the same way the advice does.
 */
class BusyHandlerTest {

  @TempDir Path dir;
  private String url;
  private final PooledSqliteDriver driver = new PooledSqliteDriver();
  private final ExecutorService holderThread = Executors.newSingleThreadExecutor();

  @BeforeEach
  void createTable() throws SQLException {
    url = PooledSqliteDriver.URL_PREFIX + dir.resolve("busy.db");
    try (Connection connection = borrow(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("create table t (x)");
    }
  }

  @AfterEach
  void closePools() {
    holderThread.shutdownNow();
    PooledSqliteDriver.closeAll();
  }

  private PooledSQLiteConnection borrow() throws SQLException {
    Properties settings = AgentOptions.parse("maxPoolSize=2,busy_timeout=200").forConnect(url, null);
    return new PooledSQLiteConnection(driver.connect(url, settings));
  }

  /** Another pooled connection, in another thread, holds the write lock until {@code release} opens. */
  private Future<?> holdWriteLock(CountDownLatch holding, CountDownLatch release) {
    return holderThread.submit(() -> {
      try (Connection holder = borrow(); Statement statement = holder.createStatement()) {
        holder.setAutoCommit(false);
        statement.executeUpdate("insert into t values ('holder')");
        holding.countDown();
        release.await(30, TimeUnit.SECONDS);
        holder.commit();
      }
      return null;
    });
  }

  private static void install(PooledSQLiteConnection connection, BusyHandler handler) throws SQLException {
    BusyHandler.setHandler(connection, handler);
    ConnectionRouter.busyHandlerChanged(connection, true); // what the advice does under the agent
  }

  @Test
  void theProgramsHandlerIsCalledWhileAnotherPooledConnectionHoldsTheLockAndIsGoneAfterClose() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      CountDownLatch holding = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Future<?> holder = holdWriteLock(holding, release);
      holding.await();
      AtomicInteger calls = new AtomicInteger();
      try (PooledSQLiteConnection connection = borrow(); Statement statement = connection.createStatement()) {
        install(connection, new BusyHandler() {
          @Override
          protected int callback(int count) {
            calls.incrementAndGet();
            return count < 4 ? 1 : 0;
          }
        });
        SQLiteException busy = assertThrows(SQLiteException.class,
            () -> statement.executeUpdate("insert into t values ('waiter')"));
        assertEquals(SQLiteErrorCode.SQLITE_BUSY, busy.getResultCode());
      }
      assertEquals(5, calls.get(), "the handler decides how long to wait: called until it gives up");

      try (PooledSQLiteConnection next = borrow(); Statement statement = next.createStatement()) {
        assertEquals(200, next.getBusyTimeout());
        SQLiteException busy = assertThrows(SQLiteException.class,
            () -> statement.executeUpdate("insert into t values ('next')"));
        assertEquals(SQLiteErrorCode.SQLITE_BUSY, busy.getResultCode());
      }
      assertEquals(5, calls.get(), "the next borrower never calls the previous program's handler");
      release.countDown();
      holder.get();
    });
  }

  @Test
  void aBusyTimeoutTheProgramSetIsUndoneForTheNextBorrower() throws SQLException {
    try (PooledSQLiteConnection connection = borrow()) {
      connection.setBusyTimeout(50);
    }
    try (PooledSQLiteConnection next = borrow()) {
      assertEquals(200, next.getBusyTimeout());
    }
  }
}
