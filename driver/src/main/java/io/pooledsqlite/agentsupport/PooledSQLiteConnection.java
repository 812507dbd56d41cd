package io.pooledsqlite.agentsupport;

import io.pooledsqlite.proxy.ConnectionProxy;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;
import org.sqlite.SQLiteUpdateListener;
import org.sqlite.core.CoreDatabaseMetaData;
import org.sqlite.core.DB;

/**
 * A pooled logical connection dressed as an {@link SQLiteConnection}, for code that was written
 * against sqlite-jdbc directly.
 *
 * <p>Recent sqlite-jdbc declares {@code JDBC.createConnection} and {@code SQLiteDataSource.getConnection}
 * to return {@code SQLiteConnection}, and legacy code casts to it and calls
 * {@code org.sqlite.Function.create(conn, ...)}, which reaches the native handle through
 * {@link #getDatabase()}. This class keeps those casts valid: it is built on the borrowed physical
 * connection's {@code DB}, so native-level calls (user functions, limits, busy timeout, serialize) act on
 * the connection the pool lent, while every {@link Connection} method goes to the pooled logical
 * connection, so statements, transactions and the write gate behave exactly as through the pool, and
 * {@link #close()} hands the physical connection back instead of closing it.
 *
 * <p>Nothing the program installs reaches the next borrower: update and commit listeners added through
 * this object are removed on {@link #close()}, a busy timeout it changed is restored, and a physical
 * connection whose native handle was handed out (functions, collations, busy and progress handlers) is
 * closed instead of reused. While the program's own busy handler is installed, the pool's write gate
 * steps aside for this connection ({@link #busyHandlerChanged}). Statements and database metadata
 * answer {@code getConnection()} with this object, as sqlite-jdbc's answer with the connection the
 * program holds.
 */
public final class PooledSQLiteConnection extends SQLiteConnection {

  private final Connection pooled;
  private final ConnectionProxy proxy;
  private final List<SQLiteUpdateListener> updateListeners = new ArrayList<>();
  private final List<SQLiteCommitListener> commitListeners = new ArrayList<>();
  /** The physical connection's busy timeout when lent, restored on {@link #close()}. */
  private final int lentBusyTimeout;

  /**
   * Wraps a logical connection obtained from the pool.
   *
   * @param pooled a connection from {@code PooledSqliteDriver} or {@code PooledSqliteDataSource} on the
   *     native (sqlite-jdbc) engine
   * @throws SQLException if {@code pooled} is not backed by a sqlite-jdbc connection
   */
  public PooledSQLiteConnection(Connection pooled) throws SQLException {
    super(physicalOf(pooled).getDatabase());
    this.pooled = pooled;
    this.proxy = pooled.unwrap(ConnectionProxy.class);
    this.lentBusyTimeout = getBusyTimeout();
    // statements and metadata then answer this object for getConnection(), as sqlite-jdbc's do
    proxy.presentAs(this);
    if (openedReadOnly(physicalOf(pooled))) {
      // SQLite refuses writes anyway; marked read-only, the pool also reports it (isReadOnly, as
      // sqlite-jdbc does) and neither takes the write gate nor takes a refused write for a changed file
      pooled.setReadOnly(true);
    }
  }

  private static SQLiteConnection physicalOf(Connection pooled) throws SQLException {
    Connection physical = pooled.unwrap(ConnectionProxy.class).physicalForFacade();
    if (!(physical instanceof SQLiteConnection)) {
      throw new SQLException("Not a sqlite-jdbc connection: " + physical, "HY000");
    }
    return (SQLiteConnection) physical;
  }

  private SQLiteConnection physical() throws SQLException {
    return physicalOf(pooled);
  }

  /**
   * The physical database handle, for {@code Function.create}, {@code Collation.create},
   * {@code BusyHandler}, {@code ProgressHandler} and programs that call it themselves. What they install
   * there (functions, collations, handlers, limits) changes the connection in ways the pool cannot undo,
   * while a program that opens its next connection expects none of it: so this connection is replaced
   * when it is returned instead of being lent to the next borrower.
   */
  @Override
  public DB getDatabase() {
    proxy.physicalObjectEscaped();
    return super.getDatabase();
  }

  /** The pooled connection, after the open check sqlite-jdbc makes (and its message when closed). */
  private Connection open() throws SQLException {
    checkOpen();
    return pooled;
  }

  // ---- lifecycle ----

  @Override
  public void close() throws SQLException {
    if (pooled.isClosed()) {
      return;
    }
    try {
      removeOwnListeners();
      restoreBusyTimeout();
    } finally {
      pooled.close();
    }
  }

  /**
   * Called by the agent after the program set ({@code installed}) or cleared a busy handler on this
   * connection with {@code org.sqlite.BusyHandler}. While the program's handler is installed the pool's
   * write gate steps aside, so the handler is called while this connection waits for another's lock.
   * The next borrower never has the handler: {@code BusyHandler} went through {@link #getDatabase()}.
   */
  public void busyHandlerChanged(boolean installed) {
    if (installed) {
      proxy.useSqliteLocking();
    }
  }

  /** Undoes a busy timeout the program set with {@link #setBusyTimeout}, for the next borrower. */
  private void restoreBusyTimeout() throws SQLException {
    if (getBusyTimeout() != lentBusyTimeout) {
      super.setBusyTimeout(lentBusyTimeout);
    }
  }

  private void removeOwnListeners() {
    synchronized (updateListeners) {
      for (SQLiteUpdateListener listener : updateListeners) {
        super.removeUpdateListener(listener);
      }
      updateListeners.clear();
    }
    synchronized (commitListeners) {
      for (SQLiteCommitListener listener : commitListeners) {
        super.removeCommitListener(listener);
      }
      commitListeners.clear();
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    return pooled.isClosed();
  }

  @Override
  protected void checkOpen() throws SQLException {
    if (pooled.isClosed()) {
      throw new SQLException("database connection closed");
    }
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    return pooled.isValid(timeout);
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    pooled.abort(executor);
  }

  // ---- sqlite-jdbc extensions that must not outlive the loan ----

  @Override
  public void addUpdateListener(SQLiteUpdateListener listener) {
    synchronized (updateListeners) {
      super.addUpdateListener(listener);
      updateListeners.add(listener);
    }
  }

  @Override
  public void removeUpdateListener(SQLiteUpdateListener listener) {
    synchronized (updateListeners) {
      super.removeUpdateListener(listener);
      updateListeners.remove(listener);
    }
  }

  @Override
  public void addCommitListener(SQLiteCommitListener listener) {
    synchronized (commitListeners) {
      super.addCommitListener(listener);
      commitListeners.add(listener);
    }
  }

  @Override
  public void removeCommitListener(SQLiteCommitListener listener) {
    synchronized (commitListeners) {
      super.removeCommitListener(listener);
      commitListeners.remove(listener);
    }
  }

  @Override
  public CoreDatabaseMetaData getSQLiteDatabaseMetaData() throws SQLException {
    checkOpen();
    return physical().getSQLiteDatabaseMetaData();
  }

  // ---- statements ----

  @Override
  public Statement createStatement() throws SQLException {
    return open().createStatement();
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    return open().createStatement(resultSetType, resultSetConcurrency);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return open().createStatement(resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return open().prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return open().prepareStatement(sql, autoGeneratedKeys);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return open().prepareStatement(sql, columnIndexes);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return open().prepareStatement(sql, columnNames);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return open().prepareStatement(sql, resultSetType, resultSetConcurrency);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return open().prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    throw noStoredProcedures();
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    throw noStoredProcedures();
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    throw noStoredProcedures();
  }

  /** sqlite-jdbc's refusal, in its type and words (the pool's is an SQLFeatureNotSupportedException). */
  private static SQLException noStoredProcedures() {
    return new SQLException("SQLite does not support Stored Procedures");
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    return pooled.nativeSQL(sql);
  }

  // ---- transactions ----

  @Override
  public boolean getAutoCommit() throws SQLException {
    return open().getAutoCommit();
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    open().setAutoCommit(autoCommit);
  }

  @Override
  public void commit() throws SQLException {
    inOpenTransaction().commit();
  }

  @Override
  public void rollback() throws SQLException {
    inOpenTransaction().rollback();
  }

  /** The pooled connection, after the checks sqlite-jdbc makes before a commit or rollback. */
  private Connection inOpenTransaction() throws SQLException {
    Connection connection = open();
    if (connection.getAutoCommit()) {
      throw new SQLException("database in auto-commit mode");
    }
    return connection;
  }

  /** As in sqlite-jdbc, a savepoint in auto-commit mode turns auto-commit off and begins a transaction. */
  @Override
  public Savepoint setSavepoint() throws SQLException {
    return inTransaction().setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return inTransaction().setSavepoint(name);
  }

  private Connection inTransaction() throws SQLException {
    Connection connection = open();
    if (connection.getAutoCommit()) {
      connection.setAutoCommit(false);
    }
    return connection;
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    open().releaseSavepoint(savepoint);
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    open().rollback(savepoint);
  }

  @Override
  public int getTransactionIsolation() {
    try {
      return pooled.getTransactionIsolation();
    } catch (SQLException e) {
      // SQLiteConnection declares this without `throws`; SQLite only offers SERIALIZABLE anyway
      return Connection.TRANSACTION_SERIALIZABLE;
    }
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    open().setTransactionIsolation(level);
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return pooled.isReadOnly();
  }

  /** Whether sqlite-jdbc opened the physical connection read-only ({@code open_mode} without READWRITE). */
  private static boolean openedReadOnly(SQLiteConnection physical) {
    return (physical.getDatabase().getConfig().getOpenModeFlags() & SQLiteOpenMode.READONLY.flag) != 0;
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    pooled.setReadOnly(readOnly);
  }

  // ---- connection attributes ----

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return open().getMetaData();
  }

  @Override
  public String getCatalog() throws SQLException {
    return pooled.getCatalog();
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    pooled.setCatalog(catalog);
  }

  @Override
  public String getSchema() throws SQLException {
    return pooled.getSchema();
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    pooled.setSchema(schema);
  }

  @Override
  public int getHoldability() throws SQLException {
    return pooled.getHoldability();
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    pooled.setHoldability(holdability);
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return pooled.getTypeMap();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    pooled.setTypeMap(map);
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return pooled.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    pooled.clearWarnings();
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    pooled.setNetworkTimeout(executor, milliseconds);
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return pooled.getNetworkTimeout();
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    pooled.setClientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    pooled.setClientInfo(properties);
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    return pooled.getClientInfo(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return pooled.getClientInfo();
  }

  @Override
  public void beginRequest() throws SQLException {
    pooled.beginRequest();
  }

  @Override
  public void endRequest() throws SQLException {
    pooled.endRequest();
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout)
      throws SQLException {
    return pooled.setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
    return pooled.setShardingKeyIfValid(shardingKey, timeout);
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
    pooled.setShardingKey(shardingKey, superShardingKey);
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey) throws SQLException {
    pooled.setShardingKey(shardingKey);
  }

  // ---- data types ----

  @Override
  public Clob createClob() throws SQLException {
    return pooled.createClob();
  }

  @Override
  public Blob createBlob() throws SQLException {
    return pooled.createBlob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return pooled.createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return pooled.createSQLXML();
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    return pooled.createArrayOf(typeName, elements);
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    return pooled.createStruct(typeName, attributes);
  }

  // ---- wrapping ----

  /** Answers this object for {@code SQLiteConnection} and its supertypes, else asks the pool's wrapper. */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return pooled.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || pooled.isWrapperFor(iface);
  }

  @Override
  public String toString() {
    return "PooledSQLiteConnection[" + pooled + "]";
  }
}
