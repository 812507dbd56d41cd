package io.pooledsqlite.engine.dqlite;

import io.pooledsqlite.write.SqlClassifier;
import io.pooledsqlite.write.StatementKind;
import java.io.IOException;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A JDBC connection to the leader of a dqlite cluster, for one database. Transactions are SQL
 * ({@code BEGIN}, {@code COMMIT}, {@code ROLLBACK}); with auto-commit off, {@code BEGIN} runs before the
 * first statement. If the connection to the leader is lost, or the node stops leading, the statement
 * fails saying what became of it (see {@link DqliteErrors}) and this connection closes: nothing is
 * retried, and a new connection finds the new leader.
 */
public final class DqliteConnection extends RefusingConnection {
    /** A request to the leader. */
    interface Call<T> {
        T run(DqliteSession session) throws IOException, ServerFailure;
    }

    private final DqliteSession session;
    private final String url;
    private final int readTimeoutMs;
    private final List<DqliteStatement> statements = new ArrayList<>();
    private volatile boolean closed;
    private boolean autoCommit = true;
    private boolean inTransaction;
    private boolean readOnly;

    DqliteConnection(DqliteSession session, String url, int readTimeoutMs) {
        this.session = session;
        this.url = url;
        this.readTimeoutMs = readTimeoutMs;
    }

    /** The leader this connection talks to, {@code host:port}. */
    public String leaderAddress() {
        return session.address();
    }

    int readTimeoutMs() {
        return readTimeoutMs;
    }

    String url() {
        return url;
    }

    /**
     * Runs one request for the statement {@code sql}. {@code executes} is false for requests that only
     * prepare or finalize: losing the connection then cannot have changed anything but an open transaction.
     */
    synchronized <T> T run(String sql, boolean executes, Call<T> call) throws SQLException {
        checkOpen();
        StatementKind kind = sql == null ? StatementKind.READ : SqlClassifier.classify(sql);
        TransactionVerb verb = TransactionVerb.of(sql);
        if (executes && !autoCommit && !inTransaction && verb != TransactionVerb.BEGIN) {
            begin();
        }
        LeaderTerm term = session.term();
        if (term.lost()) {
            DqliteErrors.Outcome outcome = outcome(kind, verb, false);
            lose();
            throw DqliteErrors.lost(session.address(), new IOException("another connection found it gone: "
                    + term.lostBecause() + "; this statement was not sent"), outcome);
        }
        try {
            T result = call.run(session);
            if (executes) {
                follow(verb);
            }
            return result;
        } catch (ServerFailure f) {
            if (f.notLeader()) {
                term.markLost("not the leader any more");
                lose();
                throw DqliteErrors.notLeader(session.address(), f);
            }
            if (f.leadershipLost()) {
                term.markLost("leadership lost");
                DqliteErrors.Outcome outcome = outcome(kind, verb, executes);
                lose();
                throw DqliteErrors.lost(session.address(), f, outcome);
            }
            throw DqliteErrors.refused(f);
        } catch (IOException e) {
            if (!(e instanceof java.net.SocketTimeoutException)) {
                // a slow answer says nothing about the leader; a closed or reset connection does
                term.markLost(String.valueOf(e.getMessage()));
            }
            DqliteErrors.Outcome outcome = outcome(kind, verb, executes);
            lose();
            throw DqliteErrors.lost(session.address(), e, outcome);
        }
    }

    private DqliteErrors.Outcome outcome(StatementKind kind, TransactionVerb verb, boolean executes) {
        if (inTransaction) {
            return executes && verb == TransactionVerb.COMMIT ? DqliteErrors.Outcome.UNKNOWN
                    : DqliteErrors.Outcome.TRANSACTION_LOST;
        }
        return executes && kind.writes() && verb == TransactionVerb.NONE ? DqliteErrors.Outcome.UNKNOWN
                : DqliteErrors.Outcome.NOT_APPLIED;
    }

    /** Tracks the transaction a successful statement opened or ended, as SQLite's auto-commit flag would. */
    private void follow(TransactionVerb verb) {
        if (verb == TransactionVerb.BEGIN) {
            inTransaction = true;
        } else if (verb == TransactionVerb.COMMIT || verb == TransactionVerb.ROLLBACK) {
            inTransaction = false;
        }
    }

    /** Whether a statement begins or ends the whole transaction (SAVEPOINT and RELEASE do not count here). */
    private enum TransactionVerb {
        NONE, BEGIN, COMMIT, ROLLBACK;

        static TransactionVerb of(String sql) {
            if (sql == null) {
                return NONE;
            }
            String s = sql.trim().toLowerCase(java.util.Locale.ROOT);
            if (s.startsWith("begin")) {
                return BEGIN;
            }
            if (s.startsWith("commit") || s.startsWith("end")) {
                return COMMIT;
            }
            if (s.startsWith("rollback") && !s.matches("(?s)rollback\\s+(transaction\\s+)?to\\b.*")) {
                return ROLLBACK;
            }
            return NONE;
        }
    }

    private void begin() throws SQLException {
        run("BEGIN", true, s -> s.execSql("BEGIN", null));
    }

    private void lose() {
        inTransaction = false;
        closeQuietly();
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw DqliteErrors.closed();
        }
    }

    void forget(DqliteStatement statement) {
        synchronized (this) {
            statements.remove(statement);
        }
    }

    private <S extends DqliteStatement> S track(S statement) {
        statements.add(statement);
        return statement;
    }

    @Override
    public synchronized Statement createStatement() throws SQLException {
        checkOpen();
        return track(new DqliteStatement(this));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        checkResultSetOptions(resultSetType, resultSetConcurrency);
        return createStatement();
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        checkResultSetOptions(resultSetType, resultSetConcurrency);
        return createStatement();
    }

    @Override
    public synchronized PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        PreparedInfo info = run(sql, false, s -> s.prepare(sql));
        return track(new DqlitePreparedStatement(this, sql, info));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        checkResultSetOptions(resultSetType, resultSetConcurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        checkResultSetOptions(resultSetType, resultSetConcurrency);
        return prepareStatement(sql);
    }

    private static void checkResultSetOptions(int type, int concurrency) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY || concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw new SQLFeatureNotSupportedException("dqlite result sets are forward-only and read-only", "0A000");
        }
    }

    @Override
    public synchronized void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (autoCommit && !this.autoCommit && inTransaction) {
            commit();
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public synchronized boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public synchronized void commit() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot commit: the connection is in auto-commit mode", "25000");
        }
        if (inTransaction) {
            run("COMMIT", true, s -> s.execSql("COMMIT", null));
        }
    }

    @Override
    public synchronized void rollback() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot roll back: the connection is in auto-commit mode", "25000");
        }
        if (inTransaction) {
            run("ROLLBACK", true, s -> s.execSql("ROLLBACK", null));
        }
    }

    /** Read-only is {@code PRAGMA query_only} on the leader's connection, as the pool does locally. */
    @Override
    public synchronized void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        if (readOnly != this.readOnly) {
            String sql = "PRAGMA query_only = " + (readOnly ? 1 : 0);
            run(sql, false, s -> s.execSql(sql, null));
            this.readOnly = readOnly;
        }
    }

    @Override
    public synchronized boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    /** SQLite transactions are serializable: every standard level is accepted, and serializable reported. */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        if (level != TRANSACTION_SERIALIZABLE && level != TRANSACTION_READ_COMMITTED
                && level != TRANSACTION_REPEATABLE_READ && level != TRANSACTION_READ_UNCOMMITTED) {
            throw new SQLException("Unknown transaction isolation level " + level, "HY024");
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_SERIALIZABLE;
    }

    @Override
    public synchronized boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("isValid timeout must not be negative: " + timeout, "HY024");
        }
        if (closed) {
            return false;
        }
        try {
            return run("SELECT 1", false, s -> {
                s.readTimeout(timeout == 0 ? readTimeoutMs : timeout * 1000);
                s.querySql("SELECT 1", null).close();
                s.readTimeout(readTimeoutMs);
                return Boolean.TRUE;
            });
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new DqliteDatabaseMetaData(this);
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        for (DqliteStatement s : new ArrayList<>(statements)) {
            s.closeLocally();
        }
        closeQuietly();
    }

    private void closeQuietly() {
        closed = true;
        statements.clear();
        session.close();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort needs an executor", "HY009");
        }
        // from any thread: closing the socket ends a request another thread is waiting on
        closed = true;
        session.close();
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw new SQLFeatureNotSupportedException("dqlite result sets close at commit", "0A000");
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return Collections.emptyMap();
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        return new Properties();
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        throw new SQLClientInfoException("dqlite connections have no client info", Collections.emptyMap());
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        throw new SQLClientInfoException("dqlite connections have no client info", Collections.emptyMap());
    }

    /** Only this class itself: a dqlite connection is not an sqlite-jdbc {@code SQLiteConnection}. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("A dqlite connection is not a " + iface.getName() + ": it talks to a remote leader,"
                + " so features that need a local SQLite connection (sqlite-jdbc's SQLiteConnection, user"
                + " functions) are not available", "0A000");
    }

    @Override
    protected SQLFeatureNotSupportedException unsupported(String method) {
        return DqliteErrors.unsupported(method);
    }
}
