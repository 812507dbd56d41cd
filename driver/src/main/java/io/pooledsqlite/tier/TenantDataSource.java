package io.pooledsqlite.tier;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for one tenant of one tier, over a shared {@link TieredDataSource}: every
 * connection it lends counts against the tenant's limits. Made by {@code PooledSqliteDataSource.forTenant};
 * closing the shared data source ends it too.
 */
public final class TenantDataSource extends AbstractDataSource {
    private final TieredDataSource shared;
    private final String tenant;
    private final Tier tier;

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
