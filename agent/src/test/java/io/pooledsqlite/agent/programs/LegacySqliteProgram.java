package io.pooledsqlite.agent.programs;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.sqlite.Function;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * A program written the old way, straight against sqlite-jdbc, that the agent tests run in a child JVM
 * with and without the agent. It opens and closes a connection for every unit of work through the four
 * ways sqlite-jdbc offers, casts to {@code SQLiteConnection} to register a function, expects
 * {@code :memory:} to be fresh on every connect and a second writer on the same thread to be refused.
 *
 * <p>Its standard output is the program's visible behaviour and must not depend on the agent; the
 * pool's figures go to standard error as {@code POOL name=... created=... } lines read from JMX.
 *
 * <p>Arguments: {@code <directory> <opens> [--wait]}. With {@code --wait} it first opens one connection,
 * prints {@code ready}, and waits for a line on standard input (time for a dynamic attach).
 */
public final class LegacySqliteProgram {

  private LegacySqliteProgram() {}

  public static void main(String[] args) throws Exception {
    Path directory = Paths.get(args[0]);
    int opens = Integer.parseInt(args[1]);
    String url = "jdbc:sqlite:" + directory.resolve("legacy.db");
    if (args.length > 2 && args[2].equals("--wait")) {
      try (Connection early = DriverManager.getConnection(url)) {
        createTable(early);
      }
      System.out.println("ready");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    try (Connection first = DriverManager.getConnection(url)) {
      createTable(first);
    }
    openAndWork(url, opens);
    threadsOpenAtOnce(url, opens);
    castAndRegisterFunction(url);
    memoryDatabaseIsFresh();
    secondWriterOnSameThreadIsRefused(url);
    printPools();
  }

  private static void createTable(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("create table if not exists work (path text, n integer)");
    }
  }

  /** Opens a connection per unit of work, as legacy code does: mostly reads, every 100 opens a write per path. */
  private static void openAndWork(String url, int opens) throws SQLException {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl(url);
    SQLiteConfig config = new SQLiteConfig();
    String[] paths = {"DriverManager", "JDBC.connect", "SQLiteDataSource", "SQLiteConfig"};
    long rowsSeen = 0;
    for (int i = 0; i < opens; i++) {
      String path = paths[i % paths.length];
      try (Connection connection = open(path, url, dataSource, config)) {
        if ((i / paths.length) % 25 == 0) {
          try (PreparedStatement insert = connection.prepareStatement("insert into work values (?, ?)")) {
            insert.setString(1, path);
            insert.setInt(2, i);
            insert.executeUpdate();
          }
        } else {
          try (PreparedStatement count = connection.prepareStatement("select count(*) from work where path = ?")) {
            count.setString(1, path);
            try (ResultSet rows = count.executeQuery()) {
              rows.next();
              rowsSeen += rows.getLong(1);
            }
          }
        }
      }
    }
    System.out.println("rows seen by " + opens + " opens: " + rowsSeen);
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "select path, count(*), sum(n) from work group by path order by path")) {
      while (rows.next()) {
        System.out.println(rows.getString(1) + " rows=" + rows.getInt(2) + " sum=" + rows.getLong(3));
      }
    }
  }

  /** Four threads, each opening a connection per insert, as a legacy server's request threads would. */
  private static void threadsOpenAtOnce(String url, int opens) throws Exception {
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.executeUpdate("create table if not exists requests (thread integer, n integer)");
    }
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int n = 0; n < opens / threads / 25; n++) {
            try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement insert = connection.prepareStatement("insert into requests values (?, ?)")) {
              insert.setInt(1, thread);
              insert.setInt(2, n);
              insert.executeUpdate();
            }
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*), count(distinct thread), sum(n) from requests")) {
      rows.next();
      System.out.println("requests rows=" + rows.getInt(1) + " threads=" + rows.getInt(2) + " sum=" + rows.getLong(3));
    }
  }

  private static Connection open(String path, String url, SQLiteDataSource dataSource, SQLiteConfig config)
      throws SQLException {
    switch (path) {
      case "DriverManager":
        return DriverManager.getConnection(url);
      case "JDBC.connect":
        return new JDBC().connect(url, new Properties());
      case "SQLiteDataSource":
        return dataSource.getConnection();
      default:
        return config.createConnection(url);
    }
  }

  private static void castAndRegisterFunction(String url) throws SQLException {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl(url);
    try (SQLiteConnection connection = dataSource.getConnection(null, null)) {
      Function.create(connection, "twice", new Function() {
        @Override
        protected void xFunc() throws SQLException {
          result(value_int(0) * 2);
        }
      });
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("select twice(21)")) {
        rows.next();
        System.out.println("twice(21)=" + rows.getInt(1));
      }
      SQLiteConnection unwrapped = connection.unwrap(SQLiteConnection.class);
      System.out.println("unwrap gives a SQLiteConnection: " + (unwrapped != null));
    }
  }

  private static void memoryDatabaseIsFresh() throws SQLException {
    for (int i = 0; i < 2; i++) {
      try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:");
          Statement statement = connection.createStatement()) {
        statement.executeUpdate("create table scratch (x)");
        statement.executeUpdate("insert into scratch values (1)");
      }
    }
    System.out.println(":memory: is fresh on every connect");
  }

  private static void secondWriterOnSameThreadIsRefused(String url) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(200);
    try (Connection first = config.createConnection(url);
        Connection second = config.createConnection(url)) {
      first.setAutoCommit(false);
      try (Statement statement = first.createStatement()) {
        statement.executeUpdate("insert into work values ('first', 0)");
      }
      try (Statement statement = second.createStatement()) {
        statement.executeUpdate("insert into work values ('second', 0)");
        System.out.println("second writer on the same thread: not refused");
      } catch (SQLException e) {
        System.out.println("second writer on the same thread: refused");
      }
      first.rollback();
    }
  }

  private static void printPools() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> pools = server.queryNames(new ObjectName("io.pooledsqlite:type=Pool,*"), null);
    for (ObjectName pool : pools) {
      System.err.println("POOL name=" + pool.getKeyProperty("name")
          + " created=" + server.getAttribute(pool, "ConnectionsCreated"));
    }
    System.err.println("POOLS " + pools.size());
  }
}
