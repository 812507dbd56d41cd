package io.pooledsqlite.agentsupport;

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
import io.pooledsqlite.proxy.ConnectionProxy;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.core.DB;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteUpdateListener;
import org.sqlite.core.CoreDatabaseMetaData;

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
 * <p>Update and commit listeners added through this object are removed again on {@link #close()}, so
 * they never fire for the next borrower. Statements answer {@code getConnection()} with the pool's
 * logical connection, not with this object.
 */
public final class PooledSQLiteConnection extends SQLiteConnection {

  private final Connection pooled;
  private final ConnectionProxy proxy;
  private final List<SQLiteUpdateListener> updateListeners = new ArrayList<>();
  private final List<SQLiteCommitListener> commitListeners = new ArrayList<>();

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
   * The physical database handle. A program that reaches it (functions, collations, busy handlers,
   * listeners) changes the connection in ways the pool cannot undo, so this connection is replaced when
   * it is returned instead of being lent to the next borrower.
   */
  @Override
  public DB getDatabase() {
    if (proxy != null) {
      proxy.physicalObjectEscaped();
    }
    return super.getDatabase();
  }

  // ---- lifecycle ----

  @Override
  public void close() throws SQLException {
    if (pooled.isClosed()) {
      return;
    }
    try {
      removeOwnListeners();
    } finally {
      pooled.close();
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
    return pooled.createStatement();
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    return pooled.createStatement(resultSetType, resultSetConcurrency);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return pooled.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return pooled.prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return pooled.prepareStatement(sql, autoGeneratedKeys);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return pooled.prepareStatement(sql, columnIndexes);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return pooled.prepareStatement(sql, columnNames);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return pooled.prepareStatement(sql, resultSetType, resultSetConcurrency);
  }

  @Override
  public PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return pooled.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    return pooled.prepareCall(sql);
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return pooled.prepareCall(sql, resultSetType, resultSetConcurrency);
  }

  @Override
  public CallableStatement prepareCall(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return pooled.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    return pooled.nativeSQL(sql);
  }

  // ---- transactions ----

  @Override
  public boolean getAutoCommit() throws SQLException {
    return pooled.getAutoCommit();
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    pooled.setAutoCommit(autoCommit);
  }

  @Override
  public void commit() throws SQLException {
    pooled.commit();
  }

  @Override
  public void rollback() throws SQLException {
    pooled.rollback();
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return pooled.setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    return pooled.setSavepoint(name);
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    pooled.releaseSavepoint(savepoint);
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    pooled.rollback(savepoint);
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
    pooled.setTransactionIsolation(level);
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return pooled.isReadOnly();
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    pooled.setReadOnly(readOnly);
  }

  // ---- connection attributes ----

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return pooled.getMetaData();
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
