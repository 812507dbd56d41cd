package io.pooledsqlite.tier;

import java.io.PrintWriter;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What the driver's data sources answer alike to the parts of {@link DataSource} that SQLite has no use
 * for: the log writer and login timeout are kept for whoever reads them back (nothing logs to the writer,
 * and opening a file is no network login), and there is no parent {@code java.util.logging} logger, as
 * the driver logs through {@link System.Logger}. It stands here because the tier package names no other
 * package of the driver, while {@code PooledSqliteDataSource} may name this one.
 */
public abstract class AbstractDataSource implements DataSource {
    private PrintWriter logWriter;
    private int loginTimeout;

    /** For subclasses. */
    protected AbstractDataSource() {
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("pooledsqlite logs through System.Logger", "0A000");
    }
}
