package io.pooledsqlite.agent.programs;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.sqlite.BusyHandler;
import org.sqlite.Collation;
import org.sqlite.Function;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * Ordinary sqlite-jdbc usage, one pattern per section, each printing what the program can observe:
 * pragmas of a fresh file, transactions and savepoints, statements executed again, busy handlers,
 * functions, collations, update and commit listeners, backup and restore, read-only opens, a statement
 * shared by threads, metadata result sets, odd URLs, and error types and messages. The agent tests run it
 * with and without the agent and compare the output byte for byte.
 *
 * <p>Arguments: {@code <directory>}. Every section uses its own database file there.
 */
public final class CompatibilityProgram {

  private static Path directory;

  private CompatibilityProgram() {}

  public static void main(String[] args) throws Exception {
    directory = Paths.get(args[0]);
    section("pragmas of a fresh file", CompatibilityProgram::pragmasOfAFreshFile);
    section("reader blocks writer", CompatibilityProgram::readerBlocksWriter);
    section("file moved away", CompatibilityProgram::fileMovedAway);
    section("transactions and savepoints", CompatibilityProgram::transactionsAndSavepoints);
    section("statement executed again", CompatibilityProgram::statementExecutedAgain);
    section("busy handler", CompatibilityProgram::busyHandler);
    section("functions", CompatibilityProgram::functions);
    section("collations", CompatibilityProgram::collations);
    section("update and commit listeners", CompatibilityProgram::listeners);
    section("backup and restore", CompatibilityProgram::backupAndRestore);
    section("read-only opens", CompatibilityProgram::readOnlyOpens);
    section("statement shared by threads", CompatibilityProgram::statementSharedByThreads);
    section("metadata result sets", CompatibilityProgram::metadataResultSets);
    section("prepared statement metadata", CompatibilityProgram::preparedStatementMetadata);
    section("connection and statement attributes", CompatibilityProgram::attributes);
    section("urls", CompatibilityProgram::urls);
    section("exception types", CompatibilityProgram::exceptionTypes);
    section("state set with SQL", CompatibilityProgram::stateSetWithSql);
    section("journal left as found", CompatibilityProgram::journalLeftAsFound);
    printPools();
  }

  /** The agent's pools, read from JMX, on standard error: what the program sees stays on standard output. */
  private static void printPools() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Set<ObjectName> pools = server.queryNames(new ObjectName("io.pooledsqlite:type=Pool,*"), null);
    for (ObjectName pool : pools) {
      System.err.println("POOL name=" + pool.getKeyProperty("name")
          + " created=" + server.getAttribute(pool, "ConnectionsCreated")
          + " borrows=" + server.getAttribute(pool, "Borrows"));
    }
    System.err.println("POOLS " + pools.size());
  }

  private interface Section {
    void run() throws Exception;
  }

  private static void section(String name, Section section) {
    System.out.println("== " + name);
    try {
      section.run();
    } catch (Exception e) {
      System.out.println("section failed: " + describe(e));
    }
    System.out.flush();
  }

  private static String url(String file) {
    return "jdbc:sqlite:" + directory.resolve(file);
  }

  /**
   * The exception as a program sees it: class, message, and the SQLite result code when there is one.
   * The run's directory reads {@code <dir>}, so two runs in two directories print the same.
   */
  private static String describe(Throwable e) {
    String message = String.valueOf(e.getMessage()).replace(directory.toString(), "<dir>");
    StringBuilder text = new StringBuilder(e.getClass().getName()).append(": ").append(message);
    if (e instanceof SQLiteException) {
      text.append(" [code ").append(((SQLiteException) e).getResultCode().name()).append(']');
    } else if (e instanceof SQLException) {
      text.append(" [errorCode ").append(((SQLException) e).getErrorCode()).append(']');
    }
    return text.toString();
  }

  private static void print(String label, Object value) {
    System.out.println(label + ": " + value);
  }

  private static String query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      StringBuilder text = new StringBuilder();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        if (text.length() > 0) {
          text.append(" | ");
        }
        for (int c = 1; c <= columns; c++) {
          text.append(c > 1 ? "," : "").append(rows.getString(c));
        }
      }
      return text.toString();
    }
  }

  private static void update(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  // ---- sections ----

  private static void pragmasOfAFreshFile() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("pragmas.db"))) {
      for (String pragma : new String[] {
          "journal_mode", "synchronous", "busy_timeout", "cache_size", "temp_store", "mmap_size"}) {
        print(pragma, query(connection, "pragma " + pragma));
      }
      update(connection, "create table t (x)");
    }
    try (Connection connection = DriverManager.getConnection(url("delete.db"))) {
      update(connection, "pragma journal_mode=delete");
      update(connection, "create table t (x)");
    }
    try (Connection connection = DriverManager.getConnection(url("delete.db"))) {
      print("journal_mode the program chose", query(connection, "pragma journal_mode"));
    }
  }

  /** In the rollback journal an open read keeps a writer from committing; in WAL it would not. */
  private static void readerBlocksWriter() throws SQLException {
    String url = url("reader.db") + "?busy_timeout=200";
    try (Connection reader = DriverManager.getConnection(url); Connection writer = DriverManager.getConnection(url)) {
      update(reader, "create table t (x)");
      update(reader, "insert into t values (1), (2)");
      try (Statement statement = reader.createStatement();
          ResultSet rows = statement.executeQuery("select x from t")) {
        rows.next();
        print("write while a read is open", attempt(() -> {
          update(writer, "insert into t values (3)");
          return "committed";
        }));
      }
      print("write after the read", attempt(() -> {
        update(writer, "insert into t values (4)");
        return "committed";
      }));
      print("rows", query(reader, "select x from t order by x"));
    }
  }

  /** SQLite notices that the file under an open connection was moved, and a later open finds no file. */
  private static void fileMovedAway() throws Exception {
    Path file = directory.resolve("moved.db");
    try (Connection connection = DriverManager.getConnection(url("moved.db"))) {
      update(connection, "create table t (x)");
      update(connection, "insert into t values (1)");
      Files.move(file, directory.resolve("moved-away.db"));
      print("write after the move", attempt(() -> {
        update(connection, "insert into t values (2)");
        return "committed";
      }));
    }
    try (Connection connection = DriverManager.getConnection(url("moved.db"))) {
      print("a new connection after the move", attempt(() -> query(connection, "select count(*) from t")));
    }
  }

  private static void transactionsAndSavepoints() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("tx.db"))) {
      update(connection, "create table t (x)");
      Savepoint outer = connection.setSavepoint();
      print("auto-commit after setSavepoint in auto-commit mode", connection.getAutoCommit());
      update(connection, "insert into t values (1)");
      Savepoint named = connection.setSavepoint("named");
      print("named savepoint name", named.getSavepointName());
      update(connection, "insert into t values (2)");
      connection.rollback(named);
      connection.commit();
      print("rows after rollback to the named savepoint", query(connection, "select x from t order by x"));
      print("auto-commit after commit", connection.getAutoCommit());
      Savepoint again = connection.setSavepoint("again");
      update(connection, "insert into t values (5)");
      connection.releaseSavepoint(again);
      connection.rollback();
      print("rows after release and rollback", query(connection, "select x from t order by x"));
      print("outer savepoint id", attempt(outer::getSavepointId));
      connection.setAutoCommit(false);
      update(connection, "insert into t values (3)");
      connection.rollback();
      update(connection, "insert into t values (4)");
      connection.commit();
      connection.setAutoCommit(true);
      print("rows after rollback and commit", query(connection, "select x from t order by x"));
      try {
        connection.commit();
        print("commit in auto-commit mode", "accepted");
      } catch (SQLException e) {
        print("commit in auto-commit mode", describe(e));
      }
    }
  }

  private static void statementExecutedAgain() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("again.db"));
        Statement statement = connection.createStatement()) {
      ResultSet first = statement.executeQuery("select 1");
      ResultSet second = statement.executeQuery("select 2");
      print("old result set next()", attempt(first::next));
      print("old result set isClosed()", attempt(first::isClosed));
      print("new result set next()", attempt(second::next) + " " + second.getInt(1));
      second.close();
      print("closed result set next()", attempt(second::next));
      print("closed result set getInt(1)", attempt(() -> second.getInt(1)));
      print("closed result set getMetaData()", attempt(() -> second.getMetaData().getColumnCount()));
      print("closed result set getStatement() is the statement", attempt(() -> second.getStatement() == statement));
      print("execute(select 3)", statement.execute("select 3"));
      ResultSet once = statement.getResultSet();
      print("getResultSet() first", once != null);
      print("getResultSet() again", attempt(() -> statement.getResultSet() == once));
      print("getUpdateCount() after a query", statement.getUpdateCount());
      print("getMoreResults()", statement.getMoreResults());
      print("getUpdateCount() after getMoreResults", statement.getUpdateCount());
      print("execute(create table)", statement.execute("create table t (x)"));
      print("getUpdateCount() after create", statement.getUpdateCount());
      print("executeUpdate(insert 2 rows)", statement.executeUpdate("insert into t values (1), (2)"));
      print("getUpdateCount() after insert", statement.getUpdateCount());
    }
  }

  private interface Attempt {
    Object run() throws SQLException;
  }

  private static String attempt(Attempt attempt) {
    try {
      return String.valueOf(attempt.run());
    } catch (SQLException e) {
      return describe(e);
    }
  }

  /**
   * Another thread holds the write lock; this connection's busy handler is asked, gives up after three
   * calls, and the insert fails with SQLITE_BUSY. The next connection does not have the handler.
   */
  private static void busyHandler() throws Exception {
    String url = url("busy.db") + "?busy_timeout=300";
    try (Connection setup = DriverManager.getConnection(url)) {
      update(setup, "create table t (x)");
    }
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    ExecutorService holder = Executors.newSingleThreadExecutor();
    try {
      Future<?> held = holder.submit(() -> {
        try (Connection connection = DriverManager.getConnection(url)) {
          connection.setAutoCommit(false);
          update(connection, "insert into t values ('holder')");
          holding.countDown();
          done.await(60, TimeUnit.SECONDS);
          connection.commit();
        }
        return null;
      });
      if (!holding.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the holder never took the lock");
      }
      AtomicInteger calls = new AtomicInteger();
      try (Connection connection = DriverManager.getConnection(url)) {
        BusyHandler.setHandler(connection, new BusyHandler() {
          @Override
          protected int callback(int count) {
            calls.incrementAndGet();
            return count < 2 ? 1 : 0;
          }
        });
        print("insert with a busy handler", attempt(() -> {
          update(connection, "insert into t values ('waiter')");
          return "ok";
        }));
        print("busy handler calls", calls.get());
      }
      try (Connection connection = DriverManager.getConnection(url)) {
        print("insert on the next connection", attempt(() -> {
          update(connection, "insert into t values ('next')");
          return "ok";
        }));
        print("busy handler calls after the next connection", calls.get());
      }
      done.countDown();
      held.get(60, TimeUnit.SECONDS);
    } finally {
      done.countDown();
      holder.shutdown();
    }
    try (Connection connection = DriverManager.getConnection(url)) {
      print("rows", query(connection, "select x from t order by x"));
    }
  }

  private static void functions() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("functions.db"))) {
      Function.create(connection, "twice", new Function() {
        @Override
        protected void xFunc() throws SQLException {
          result(value_int(0) * 2);
        }
      });
      Function.create(connection, "total_len", new Function.Aggregate() {
        private int total;

        @Override
        protected void xStep() throws SQLException {
          total += value_text(0).length();
        }

        @Override
        protected void xFinal() throws SQLException {
          result(total);
        }
      });
      print("twice(21)", query(connection, "select twice(21)"));
      print("total_len", query(connection, "select total_len(x) from (select 'ab' x union all select 'cde')"));
      Function.destroy(connection, "twice");
      print("twice after destroy", attempt(() -> query(connection, "select twice(1)")));
      Function.create(connection, "thrice", new Function() {
        @Override
        protected void xFunc() throws SQLException {
          result(value_int(0) * 3);
        }
      });
    }
    try (Connection next = DriverManager.getConnection(url("functions.db"))) {
      print("thrice on the next connection", attempt(() -> query(next, "select thrice(1)")));
    }
  }

  private static void collations() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("collations.db"))) {
      Collation.create(connection, "reverse", new Collation() {
        @Override
        protected int xCompare(String left, String right) {
          return right.compareTo(left);
        }
      });
      print("order by collate reverse",
          query(connection, "select x from (select 'a' x union select 'c' union select 'b') order by x collate reverse"));
    }
    try (Connection next = DriverManager.getConnection(url("collations.db"))) {
      print("collate reverse on the next connection", attempt(() -> query(next, "select 'a' < 'b' collate reverse")));
    }
  }

  private static void listeners() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("listeners.db"))) {
      update(connection, "create table t (x)");
      List<String> events = new ArrayList<>();
      SQLiteConnection sqlite = (SQLiteConnection) connection;
      sqlite.addUpdateListener((type, database, table, rowId) ->
          events.add(type + " " + database + "." + table + " row " + rowId));
      sqlite.addCommitListener(new SQLiteCommitListener() {
        @Override
        public void onCommit() {
          events.add("commit");
        }

        @Override
        public void onRollback() {
          events.add("rollback");
        }
      });
      update(connection, "insert into t values (1)");
      connection.setAutoCommit(false);
      update(connection, "update t set x = 2");
      connection.rollback();
      update(connection, "delete from t");
      connection.commit();
      connection.setAutoCommit(true);
      print("events", String.join("; ", events));
    }
  }

  private static void backupAndRestore() throws SQLException {
    Path backup = directory.resolve("backup-copy.db");
    try (Connection connection = DriverManager.getConnection(url("backup.db"))) {
      update(connection, "create table t (x)");
      update(connection, "insert into t values ('saved')");
      update(connection, "backup to " + backup);
      update(connection, "insert into t values ('after backup')");
      print("rows before restore", query(connection, "select x from t order by x"));
      update(connection, "restore from " + backup);
      print("rows after restore", query(connection, "select x from t order by x"));
    }
    try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + backup)) {
      print("rows in the backup file", query(copy, "select x from t"));
    }
  }

  private static void readOnlyOpens() throws SQLException {
    String url = url("readonly.db");
    try (Connection connection = DriverManager.getConnection(url)) {
      update(connection, "create table t (x)");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection connection = config.createConnection(url)) {
      print("SQLiteConfig.setReadOnly: isReadOnly()", connection.isReadOnly());
      print("SQLiteConfig.setReadOnly: insert", attempt(() -> {
        update(connection, "insert into t values (1)");
        return "ok";
      }));
    }
    Properties properties = new Properties();
    properties.setProperty("open_mode", Integer.toString(SQLiteOpenMode.READONLY.flag));
    try (Connection connection = DriverManager.getConnection(url, properties)) {
      print("open_mode=READONLY: isReadOnly()", connection.isReadOnly());
      print("open_mode=READONLY: insert", attempt(() -> {
        update(connection, "insert into t values (1)");
        return "ok";
      }));
    }
    try (Connection connection = DriverManager.getConnection(url)) {
      print("a later read-write connection: isReadOnly()", connection.isReadOnly());
      update(connection, "insert into t values (2)");
      print("a later read-write connection: rows", query(connection, "select x from t"));
    }
  }

  /**
   * One connection and one statement used by two threads in turn, as old multi-threaded code does: the
   * first thread's result set is overtaken by the second thread's execution of the same statement.
   */
  private static void statementSharedByThreads() throws Exception {
    try (Connection connection = DriverManager.getConnection(url("shared.db"));
        Statement statement = connection.createStatement()) {
      update(connection, "create table t (x)");
      update(connection, "insert into t values (1), (2), (3)");
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        ResultSet first = threads.submit(() -> {
          ResultSet rows = statement.executeQuery("select x from t order by x");
          rows.next();
          return rows;
        }).get(60, TimeUnit.SECONDS);
        int secondCount = threads.submit(() -> {
          int count = 0;
          try (ResultSet rows = statement.executeQuery("select x from t order by x")) {
            while (rows.next()) {
              count++;
            }
          }
          return count;
        }).get(60, TimeUnit.SECONDS);
        String firstContinues = threads.submit(() -> attempt(first::next)).get(60, TimeUnit.SECONDS);
        print("second thread's rows", secondCount);
        print("first thread's next() afterwards", firstContinues);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          workers.add(threads.submit(() -> {
            int rowsSeen = 0;
            for (int i = 0; i < 50; i++) {
              synchronized (statement) {
                try (ResultSet rows = statement.executeQuery("select count(*) from t")) {
                  rows.next();
                  rowsSeen += rows.getInt(1);
                }
              }
            }
            return rowsSeen;
          }));
        }
        int total = 0;
        for (Future<Integer> worker : workers) {
          total += worker.get(60, TimeUnit.SECONDS);
        }
        print("rows seen by four workers", total);
      } finally {
        threads.shutdown();
      }
    }
  }

  private static void metadataResultSets() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("metadata.db"))) {
      update(connection, "create table t (id integer primary key, name text)");
      DatabaseMetaData metaData = connection.getMetaData();
      print("product", metaData.getDatabaseProductName());
      print("metadata connection is the connection", metaData.getConnection() == connection);
      try (ResultSet tables = metaData.getTables(null, null, "t", null)) {
        print("tables", tables.next() ? tables.getString("TABLE_NAME") : "none");
        print("tables getStatement() present", attempt(() -> tables.getStatement() != null));
        print("tables getStatement().getConnection() is the connection",
            attempt(() -> tables.getStatement().getConnection() == connection));
      }
      try (ResultSet columns = metaData.getColumns(null, null, "t", null)) {
        StringBuilder names = new StringBuilder();
        while (columns.next()) {
          names.append(columns.getString("COLUMN_NAME")).append(' ').append(columns.getString("TYPE_NAME")).append(';');
        }
        print("columns", names);
      }
      try (ResultSet keys = metaData.getPrimaryKeys(null, null, "t")) {
        print("primary key", keys.next() ? keys.getString("COLUMN_NAME") : "none");
      }
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("select 1")) {
        print("statement getConnection() is the connection", statement.getConnection() == connection);
        print("result set getStatement() is the statement", rows.getStatement() == statement);
      }
    }
  }

  private static void preparedStatementMetadata() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("psmeta.db"))) {
      update(connection, "create table t (id integer, name text)");
      update(connection, "insert into t values (1, 'one')");
      for (int round = 1; round <= 2; round++) {
        try (PreparedStatement select = connection.prepareStatement("select id, name from t where id = ?")) {
          print("round " + round + " getMetaData before executing", attempt(() -> {
            ResultSetMetaData meta = select.getMetaData();
            return meta.getColumnCount() + " " + meta.getColumnName(1) + " " + meta.getColumnName(2);
          }));
          print("round " + round + " parameter count before executing",
              attempt(() -> select.getParameterMetaData().getParameterCount()));
          select.setInt(1, 1);
          try (ResultSet rows = select.executeQuery()) {
            rows.next();
          }
          ResultSetMetaData meta = select.getMetaData();
          print("round " + round + " getMetaData", attempt(() -> meta.getColumnCount() + " "
              + meta.getColumnName(1) + " " + meta.getColumnName(2)));
          print("round " + round + " parameter count",
              attempt(() -> select.getParameterMetaData().getParameterCount()));
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into t values (?, ?)")) {
          insert.setInt(1, 10 + round);
          insert.setString(2, "n");
          print("round " + round + " executeUpdate", insert.executeUpdate());
          print("round " + round + " getUpdateCount", insert.getUpdateCount());
          insert.setInt(1, 20 + round);
          insert.addBatch();
          insert.setInt(1, 30 + round);
          insert.addBatch();
          int[] counts = insert.executeBatch();
          print("round " + round + " batch", counts.length + " " + counts[0] + " " + counts[1]);
        }
      }
    }
  }

  private static void attributes() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("attributes.db"))) {
      DatabaseMetaData metaData = connection.getMetaData();
      print("metadata URL", metaData.getURL().replace(directory.toString(), "<dir>"));
      print("driver", metaData.getDriverName() + " " + metaData.getDriverVersion());
      print("user", metaData.getUserName());
      print("isValid", connection.isValid(1));
      print("isolation", connection.getTransactionIsolation());
      print("set READ_UNCOMMITTED", attempt(() -> {
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        return connection.getTransactionIsolation();
      }));
      connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      print("holdability", connection.getHoldability());
      print("catalog", connection.getCatalog());
      print("schema", attempt(connection::getSchema));
      print("warnings", connection.getWarnings());
      print("nativeSQL", connection.nativeSQL("select {fn now()}"));
      print("network timeout", attempt(connection::getNetworkTimeout));
      update(connection, "create table t (id integer primary key, x)");
      try (Statement statement = connection.createStatement()) {
        print("query timeout", statement.getQueryTimeout());
        print("fetch size", statement.getFetchSize());
        print("result set type", statement.getResultSetType() + " " + statement.getResultSetConcurrency()
            + " " + statement.getResultSetHoldability());
        statement.executeUpdate("insert into t (x) values ('a'), ('b'), ('c')");
        try (ResultSet keys = statement.getGeneratedKeys()) {
          print("generated key", keys.next() ? keys.getLong(1) : "none");
        }
        statement.setMaxRows(2);
        print("max rows 2", query(connection, "select 1") + " / " + count(statement.executeQuery("select x from t")));
        try (ResultSet rows = statement.executeQuery("select id, x from t")) {
          ResultSetMetaData meta = rows.getMetaData();
          print("column types", meta.getColumnTypeName(1) + " " + meta.getColumnTypeName(2)
              + " " + meta.getColumnType(1) + " " + meta.getTableName(1));
          print("result set type", rows.getType() + " " + rows.getConcurrency() + " " + rows.getFetchSize());
        }
      }
      try (Statement statement = connection.createStatement()) {
        print("max rows of a new statement", statement.getMaxRows());
      }
    }
  }

  private static int count(ResultSet rows) throws SQLException {
    int n = 0;
    while (rows.next()) {
      n++;
    }
    return n;
  }

  private static void urls() throws Exception {
    try (Connection connection = DriverManager.getConnection(url("params.db") + "?invalid")) {
      update(connection, "create table if not exists t (x)");
      print("?invalid", "opened");
    } catch (SQLException e) {
      print("?invalid", describe(e));
    }
    try (Connection connection = DriverManager.getConnection(url("params.db") + "?foreign_keys=true&invalid=1")) {
      print("?foreign_keys=true&invalid=1", query(connection, "pragma foreign_keys"));
    } catch (SQLException e) {
      print("?foreign_keys=true&invalid=1", describe(e));
    }
    Path missing = directory.resolve("no-such-directory").resolve("x.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + missing)) {
      print("missing directory", "opened");
    } catch (SQLException e) {
      print("missing directory", describe(e));
    }
    print("files", listFiles());
  }

  private static String listFiles() throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files.filter(f -> f.getFileName().toString().startsWith("params"))
          .forEach(f -> names.add(f.getFileName().toString()));
    }
    Collections.sort(names);
    return names.toString();
  }

  private static void exceptionTypes() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("errors.db"))) {
      update(connection, "create table t (x unique)");
      print("syntax error", attempt(() -> {
        update(connection, "selec 1");
        return "ok";
      }));
      print("constraint", attempt(() -> {
        update(connection, "insert into t values (1)");
        update(connection, "insert into t values (1)");
        return "ok";
      }));
      try (Statement statement = connection.createStatement()) {
        statement.addBatch("insert into t values (2)");
        statement.addBatch("insert into t values (2)");
        statement.executeBatch();
        print("statement batch", "ok");
      } catch (BatchUpdateException e) {
        print("statement batch", describe(e) + " counts=" + e.getUpdateCounts().length);
      } catch (SQLException e) {
        print("statement batch", describe(e));
      }
      try (PreparedStatement insert = connection.prepareStatement("insert into t values (?)")) {
        insert.setInt(1, 3);
        insert.addBatch();
        insert.setInt(1, 3);
        insert.addBatch();
        insert.executeBatch();
        print("prepared batch", "ok");
      } catch (BatchUpdateException e) {
        print("prepared batch", describe(e) + " counts=" + e.getUpdateCounts().length);
      } catch (SQLException e) {
        print("prepared batch", describe(e));
      }
      print("createArrayOf", attempt(() -> connection.createArrayOf("int", new Object[] {1})));
      print("createStruct", attempt(() -> connection.createStruct("s", new Object[] {1})));
      print("createSQLXML", attempt(() -> connection.createSQLXML()));
      print("createNClob", attempt(() -> connection.createNClob()));
      print("prepareCall", attempt(() -> connection.prepareCall("select 1")));
      print("setTypeMap", attempt(() -> {
        connection.setTypeMap(new HashMap<>());
        return "ok";
      }));
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("select 1")) {
        rows.next();
        print("getArray", attempt(() -> rows.getArray(1)));
        print("getRef", attempt(() -> rows.getRef(1)));
        print("getSQLXML", attempt(() -> rows.getSQLXML(1)));
        print("getRowId", attempt(() -> rows.getRowId(1)));
        print("updateInt", attempt(() -> {
          rows.updateInt(1, 2);
          return "ok";
        }));
        print("absolute", attempt(() -> rows.absolute(1)));
        print("setCursorName", attempt(() -> {
          statement.setCursorName("c");
          return "ok";
        }));
        print("setEscapeProcessing", attempt(() -> {
          statement.setEscapeProcessing(true);
          return "ok";
        }));
        print("executeUpdate with keys", attempt(() -> statement.executeUpdate("insert into t values (8)", new int[] {1})));
      }
      print("prepareStatement with column indexes", attempt(() -> connection.prepareStatement(
          "insert into t values (9)", new int[] {1}) != null));
      print("closed connection", attempt(() -> {
        Connection closed = DriverManager.getConnection(url("errors.db"));
        closed.close();
        return closed.createStatement();
      }));
      print("error code of a constraint", attempt(() -> {
        try {
          update(connection, "insert into t values (1)");
          return "ok";
        } catch (SQLiteException e) {
          return e.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE ? "SQLITE_CONSTRAINT_UNIQUE" : e.getResultCode();
        }
      }));
    }
  }

  /** What one connection set with SQL is not there for the next: each sqlite-jdbc connect is fresh. */
  private static void stateSetWithSql() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("state.db"))) {
      update(connection, "pragma foreign_keys = on");
      update(connection, "create temp table scratch (x)");
      update(connection, "attach '" + directory.resolve("other.db") + "' as other");
    }
    try (Connection next = DriverManager.getConnection(url("state.db"))) {
      print("foreign_keys on the next connection", query(next, "pragma foreign_keys"));
      print("temp table on the next connection", attempt(() -> query(next, "select count(*) from scratch")));
      print("databases on the next connection", query(next, "select count(*) from pragma_database_list"));
    }
  }

  /** Run last: every file the program opened keeps the journal mode the program gave it. */
  private static void journalLeftAsFound() throws Exception {
    List<String> wal = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files.filter(f -> f.getFileName().toString().endsWith(".db")).sorted().forEach(f -> {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + f)) {
          String mode = query(connection, "pragma journal_mode");
          if (!mode.equals("delete")) {
            wal.add(f.getFileName() + "=" + mode);
          }
        } catch (SQLException e) {
          wal.add(f.getFileName() + ": " + describe(e));
        }
      });
    }
    print("files not in the rollback journal", wal);
  }
}
