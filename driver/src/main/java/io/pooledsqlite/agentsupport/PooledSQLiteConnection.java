package io.pooledsqlite.agentsupport;

import io.pooledsqlite.proxy.ConnectionProxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
 * connection (through the generated {@code DelegatingSQLiteConnection}, except those decided here), so statements, transactions and the write gate behave exactly as through the pool, and
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
public final class PooledSQLiteConnection extends DelegatingSQLiteConnection {

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

  /** Every {@link Connection} method this class does not decide goes to the pooled connection. */
  @Override
  protected Connection delegate() {
    return pooled;
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
  protected void checkOpen() throws SQLException {
    if (pooled.isClosed()) {
      throw new SQLException("database connection closed");
    }
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

  /** Whether sqlite-jdbc opened the physical connection read-only ({@code open_mode} without READWRITE). */
  private static boolean openedReadOnly(SQLiteConnection physical) {
    return (physical.getDatabase().getConfig().getOpenModeFlags() & SQLiteOpenMode.READONLY.flag) != 0;
  }

  // ---- metadata ----

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return open().getMetaData();
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
