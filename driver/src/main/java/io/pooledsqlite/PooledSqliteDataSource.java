package io.pooledsqlite;

import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.metrics.MicrometerSupport;
import io.pooledsqlite.metrics.PoolMXBean;
import io.pooledsqlite.pool.ConnectionPool;
import io.pooledsqlite.pool.PoolRegistry;
import io.pooledsqlite.tier.AbstractDataSource;
import io.pooledsqlite.tier.TenantDataSource;
import io.pooledsqlite.tier.Tier;
import io.pooledsqlite.tier.TierErrors;
import io.pooledsqlite.tier.TierLimits;
import io.pooledsqlite.tier.TierMXBean;
import io.pooledsqlite.tier.TierSettings;
import io.pooledsqlite.tier.TieredDataSource;
import io.pooledsqlite.tier.TieredPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A pooled SQLite {@link DataSource} for frameworks: give it a database (a file path, a
 * {@code jdbc:sqlite:} URL or a {@code jdbc:pooledsqlite:} URL) and settings by the same names as URL
 * keys. The pool starts on the first {@link #getConnection()}; settings are fixed from then on.
 * {@link #close()} closes the pool.
 *
 * <p>Tenants on tiers ({@code free}, {@code pro}, {@code enterprise}) can share the pool fairly: configure
 * tiers with {@link #setTierLimits(Tier, TierLimits)} or {@code tier.<tier>.<field>} keys, then borrow
 * through {@link #forTenant(String, Tier)}, {@link #getConnection(String, Tier)} or
 * {@link #getConnection(String, String)} with a tenant put on a tier by {@link #assignTier(String, Tier)}.
 * See {@link io.pooledsqlite.tier}.
 */
public class PooledSqliteDataSource extends AbstractDataSource implements TieredDataSource, AutoCloseable {
    private String url;
    private final Properties settings = new Properties();
    private Object meterRegistry;
    private volatile ConnectionPool pool;
    private final TierSettings tiers = new TierSettings();
    private volatile TieredPool tiered;
    private volatile boolean closed;
    private String username;
    private String password;

    /** A data source without a database yet; call {@link #setUrl(String)}. */
    public PooledSqliteDataSource() {
    }

    /** A data source for a file path, {@code jdbc:sqlite:} URL or {@code jdbc:pooledsqlite:} URL. */
    public PooledSqliteDataSource(String url) {
        setUrl(url);
    }

    /** Sets the database: a file path, a {@code jdbc:sqlite:} URL or a {@code jdbc:pooledsqlite:} URL. */
    public synchronized void setUrl(String url) {
        checkNotStarted();
        if (url == null) {
            throw new IllegalArgumentException("url must not be null");
        }
        if (ConfigParser.accepts(url)) {
            this.url = url;
        } else if (url.regionMatches(true, 0, "jdbc:sqlite:", 0, 12)) {
            this.url = ConfigParser.PREFIX + url.substring(12);
        } else {
            this.url = ConfigParser.PREFIX + url;
        }
    }

    /** The database as a {@code jdbc:pooledsqlite:} URL. */
    public synchronized String getUrl() {
        return url;
    }

    /**
     * Accepted for frameworks that bind {@code username} (Spring Boot's {@code spring.datasource.username},
     * Flyway, Liquibase): SQLite has no users, so it is kept and ignored, as the driver ignores {@code user}.
     */
    public synchronized void setUsername(String username) {
        this.username = username;
    }

    /** The user name set with {@link #setUsername(String)}, or {@code null}; SQLite ignores it. */
    public synchronized String getUsername() {
        return username;
    }

    /** Accepted and ignored like {@link #setUsername(String)}: SQLite has no passwords. */
    public synchronized void setPassword(String password) {
        this.password = password;
    }

    /** The password set with {@link #setPassword(String)}, or {@code null}; SQLite ignores it. */
    public synchronized String getPassword() {
        return password;
    }

    /**
     * Sets a pool or SQLite setting by its URL key (e.g. {@code maxPoolSize}, {@code journal_mode}), or a
     * tier setting {@code tier.<free|pro|enterprise>.<concurrent|daily|monthly|share>}. Values are checked
     * when the pool starts.
     */
    public synchronized void setProperty(String key, String value) {
        checkNotStarted();
        if (TierSettings.isTierKey(key)) {
            tiers.setKey(key, value);
        } else {
            settings.setProperty(key, value);
        }
    }

    /** Sets the limits of one tier (text keys for the same tier override them field by field). */
    public synchronized void setTierLimits(Tier tier, TierLimits limits) {
        checkNotStarted();
        tiers.setLimits(tier, limits);
    }

    /** Puts a tenant on a tier, for {@link #getConnection(String, String)} with the tenant as user. */
    public synchronized void assignTier(String tenant, Tier tier) {
        checkNotStarted();
        tiers.assign(tenant, tier);
    }

    /** The clock that decides the UTC day and month quotas count in (the system clock by default). */
    public synchronized void setTierClock(Clock clock) {
        checkNotStarted();
        tiers.setClock(clock);
    }

    /** A data source whose every connection counts against {@code tenant} on {@code tier}. */
    public DataSource forTenant(String tenant, Tier tier) {
        return new TenantDataSource(this, tenant, tier);
    }

    /**
     * Borrows a connection for a tenant of a tier: waits up to {@code connectionTimeout} in all, for a
     * slot within the tenant's and tier's limits and then for the pool; fails at once when the tenant's
     * quota is used up.
     *
     * @throws io.pooledsqlite.tier.QuotaExceededException over a daily or monthly quota (SQLState
     *     {@value TierErrors#QUOTA_EXCEEDED})
     * @throws SQLException {@value TierErrors#BAD_VALUE} if no tiers or not this tier are configured
     */
    @Override
    public Connection getConnection(String tenant, Tier tier) throws SQLException {
        pool();
        TieredPool current = tiered;
        if (current == null) {
            throw new SQLException("No tiers are configured on this data source: set tier limits before the"
                    + " pool starts", TierErrors.BAD_VALUE);
        }
        return current.getConnection(tenant, tier);
    }

    /**
     * Reports the pool's meters to a Micrometer {@code io.micrometer.core.instrument.MeterRegistry}
     * (typed {@code Object} so this class works without Micrometer). It takes the place of the global
     * registry that {@code metrics=true} would use. The meters are removed when the pool closes.
     *
     * @throws IllegalArgumentException if Micrometer is not on the class path or {@code registry} is not a
     *     {@code MeterRegistry}
     */
    public synchronized void setMeterRegistry(Object registry) {
        checkNotStarted();
        MicrometerSupport.checkRegistry(registry);
        this.meterRegistry = registry;
    }

    /** Borrows a connection, starting the pool on the first call. */
    @Override
    public Connection getConnection() throws SQLException {
        return pool().getConnection();
    }

    /**
     * Without tiers: SQLite has no users, the credentials are ignored. With tiers: {@code username} is the
     * tenant, on the tier {@link #assignTier(String, Tier)} gave it (SQLState {@value TierErrors#NO_TIER}
     * if none); the password is ignored.
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        pool();
        TieredPool current = tiered;
        if (current == null) {
            return getConnection();
        }
        Tier tier = current.policy().tierOf(username);
        if (tier == null) {
            throw new SQLException("Tenant '" + username + "' has no tier on this data source: assign one with"
                    + " assignTier or borrow through forTenant", TierErrors.NO_TIER);
        }
        return current.getConnection(username, tier);
    }

    /** The tiers' management view (starting the pool if needed), or {@code null} if no tiers are set. */
    public TierMXBean getTierMXBean() throws SQLException {
        pool();
        TieredPool current = tiered;
        return current == null ? null : current.mxBean();
    }

    /** The pool's management view (starting the pool if needed). */
    public PoolMXBean getPoolMXBean() throws SQLException {
        return pool();
    }

    private ConnectionPool pool() throws SQLException {
        ConnectionPool p = pool;
        if (p != null && !p.isClosed()) {
            return p;
        }
        synchronized (this) {
            if (closed) {
                throw new SQLException("This data source is closed", "08003");
            }
            if (url == null) {
                throw new SQLException("No database set: call setUrl first", "08001");
            }
            if (pool == null || pool.isClosed()) {
                ConnectionPool started = PoolRegistry.startPrivate(ConfigParser.parse(url, settings));
                if (meterRegistry != null) {
                    bindMeters(started);
                }
                if (!tiers.isEmpty()) {
                    startTiers(started);
                }
                pool = started;
            }
            return pool;
        }
    }

    /** Reports the new pool's meters to the registry set here; a pool whose meters were refused is closed. */
    private void bindMeters(ConnectionPool started) throws SQLException {
        try {
            started.setMetrics(MicrometerSupport.toRegistry(meterRegistry, started));
        } catch (SQLException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /**
     * Puts tiers in front of a new pool, taking over the counts of the tiers of a pool closed under this
     * data source; a bad tier configuration closes the new pool again.
     */
    private void startTiers(ConnectionPool started) throws SQLException {
        TieredPool previous = tiered;
        tiered = null;
        try {
            tiered = TieredPool.start(started::getConnection, started.getPoolName(),
                    started.config().connectionTimeoutMs(), started.config().registerMbeans(),
                    tiers.resolve(started.getMaxPoolSize()), previous);
        } catch (SQLException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** Closes the pool: idle connections now, borrowed ones when they are returned. */
    @Override
    public synchronized void close() {
        closed = true;
        if (tiered != null) {
            tiered.close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    /** True after {@link #close()}. */
    public boolean isClosed() {
        return closed;
    }

    private void checkNotStarted() {
        if (pool != null) {
            throw new IllegalStateException("The pool has started; its settings can no longer change");
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "PooledSqliteDataSource[" + url + "]";
    }
}
