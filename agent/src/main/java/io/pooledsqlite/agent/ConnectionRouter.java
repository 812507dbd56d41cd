package io.pooledsqlite.agent;

import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.agentsupport.PooledSQLiteConnection;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Called from the advice inside {@code org.sqlite.JDBC.createConnection}: turns one sqlite-jdbc connect
 * into a pooled connection, or answers {@code null} to let sqlite-jdbc connect as it always did.
 *
 * <p>It fails open: anything unexpected (a setting the pool rejects, a pool that cannot lend a
 * connection, an sqlite-jdbc version the facade does not fit) is logged once and the program gets its
 * ordinary unpooled connection, with sqlite-jdbc's own errors if the database really cannot be opened.
 */
public final class ConnectionRouter {

  private static final String SQLITE_PREFIX = "jdbc:sqlite:";

  /** Set while the pool itself connects, so a physical connect on this thread is never re-routed. */
  private static final ThreadLocal<Boolean> POOL_IS_CONNECTING = new ThreadLocal<>();

  private static volatile AgentOptions options;

  private ConnectionRouter() {}

  /** Starts routing with these options; returns {@code false} if routing was already on. */
  static synchronized boolean enable(AgentOptions agentOptions) {
    if (options != null) {
      return false;
    }
    options = agentOptions;
    return true;
  }

  /** Stops routing; connections already lent stay valid. */
  static synchronized void disable() {
    options = null;
  }

  /**
   * A pooled replacement for {@code JDBC.createConnection(url, info)}, or {@code null} for "connect
   * unpooled as usual". Public because the advice runs inside sqlite-jdbc's own class.
   */
  public static Object pooledOrNull(String url, Properties info) {
    AgentOptions agentOptions = options;
    if (agentOptions == null || POOL_IS_CONNECTING.get() != null) {
      return null;
    }
    if (url == null || !url.regionMatches(true, 0, SQLITE_PREFIX, 0, SQLITE_PREFIX.length())) {
      return null; // sqlite-jdbc reports an invalid URL in its own words
    }
    String address = url.substring(SQLITE_PREFIX.length()).trim();
    if (PassThroughRules.reasonToPassThrough(address, info) != null) {
      return null;
    }
    POOL_IS_CONNECTING.set(Boolean.TRUE);
    Connection logical = null;
    try {
      Properties settings = agentOptions.forConnect(address, withoutCredentials(info));
      logical = Driver.INSTANCE.connect(PooledSqliteDriver.URL_PREFIX + address, settings);
      return new PooledSQLiteConnection(logical);
    } catch (Exception | LinkageError e) {
      closeQuietly(logical);
      AgentLog.logOnce(Level.WARNING, e.getClass().getName() + ' ' + url,
          "could not pool " + url + " (" + e
              + "); it and later connects failing the same way use sqlite-jdbc directly");
      return null;
    } finally {
      POOL_IS_CONNECTING.remove();
    }
  }

  /**
   * After the program set ({@code installed}) or cleared a busy handler on {@code connection}; public
   * because the advice runs inside sqlite-jdbc's {@code BusyHandler}. Unpooled connections are left alone.
   */
  public static void busyHandlerChanged(Object connection, boolean installed) {
    if (connection instanceof PooledSQLiteConnection) {
      ((PooledSQLiteConnection) connection).busyHandlerChanged(installed);
    }
  }

  /** Made at the first pooled connect, so that starting the agent loads as little as possible. */
  private static final class Driver {
    static final PooledSqliteDriver INSTANCE = new PooledSqliteDriver();
  }

  /**
   * {@code SQLiteDataSource.getConnection(user, pass)} adds these two, which sqlite-jdbc ignores (a
   * {@code password} key never gets here: see {@link PassThroughRules}).
   */
  private static Properties withoutCredentials(Properties info) {
    if (info == null) {
      return null;
    }
    Properties copy = new Properties();
    for (String name : info.stringPropertyNames()) {
      if (!name.equals("user") && !name.equals("pass")) {
        copy.setProperty(name, info.getProperty(name));
      }
    }
    return copy;
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        AgentLog.log(Level.DEBUG, "closing an unusable pooled connection failed: " + e);
      }
    }
  }
}
