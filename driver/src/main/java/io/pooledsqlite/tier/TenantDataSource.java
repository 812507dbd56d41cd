package io.pooledsqlite.tier;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for one tenant of one tier, over a shared {@link TieredDataSource}: every
 * connection it lends counts against the tenant's limits. Made by {@code PooledSqliteDataSource.forTenant};
 * closing the shared data source ends it too.
 */
public final class TenantDataSource implements DataSource {
    private final TieredDataSource shared;
    private final String tenant;
    private final Tier tier;
    private PrintWriter logWriter;
    private int loginTimeout;

    /** A view of {@code shared} for {@code tenant} on {@code tier}. */
    public TenantDataSource(TieredDataSource shared, String tenant, Tier tier) {
        if (shared == null || tier == null || tenant == null || tenant.isEmpty()) {
            throw new IllegalArgumentException("A tenant data source needs a data source, a tenant name and a tier");
        }
        this.shared = shared;
        this.tenant = tenant;
        this.tier = tier;
    }

    public String tenant() {
        return tenant;
    }

    public Tier tier() {
        return tier;
    }

    /** Borrows a connection for this tenant, within its tier's limits. */
    @Override
    public Connection getConnection() throws SQLException {
        return shared.getConnection(tenant, tier);
    }

    /** The tenant is fixed; the credentials are ignored, as SQLite has no users. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
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

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return shared.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || shared.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "TenantDataSource[" + tenant + ", " + tier.key() + ", " + shared + "]";
    }
}
