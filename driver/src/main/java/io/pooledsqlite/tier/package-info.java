/**
 * Tier-aware limits: tenants on the {@code free}, {@code pro} and {@code enterprise} tiers share one pool
 * without a crowd of small tenants starving a big one.
 *
 * <h2>Configuration</h2>
 * On {@link io.pooledsqlite.PooledSqliteDataSource}, before its pool starts, per tier:
 * {@code setTierLimits(Tier.PRO, TierLimits.of(concurrent, daily, monthly, sharePercent))} or the keys
 * {@code tier.pro.concurrent}, {@code tier.pro.daily}, {@code tier.pro.monthly} ({@code unlimited} allowed;
 * default unlimited), {@code tier.pro.share} (percent, default 0) through {@code setProperty}. A tier
 * without limits cannot be used.
 * <ul>
 *   <li>{@code concurrent}: connections one tenant of the tier may hold at once. A request over it waits
 *       up to {@code connectionTimeout} (for its slot and then for the pool: one deadline for both), then
 *       fails with {@link java.sql.SQLTransientConnectionException} SQLState
 *       {@value io.pooledsqlite.tier.TierErrors#TIMED_OUT} naming tenant, tier and the limit.</li>
 *   <li>{@code share}: the percentage of {@code maxPoolSize} <em>reserved</em> for the tier (rounded down
 *       to whole connections). Shares add up to at most 100 %; what is left over is shared by all tiers,
 *       first come first served. A tier may go beyond its reservation only into that leftover, never
 *       into another tier's unused reservation, so each tier can always get its reserved connections at
 *       once, however many requests the other tiers make (only connections borrowed outside the tiers,
 *       see below, can delay it, within {@code connectionTimeout}) — and with shares summing to 100 % the tiers
 *       are strictly partitioned. We chose reservations over caps because a reservation is the guarantee
 *       the higher tiers pay for, and the leftover keeps the pool busy when higher tiers are idle. Since a
 *       connection cannot be taken back from its holder, the guarantee has to be kept before lending,
 *       not by preemption.</li>
 *   <li>{@code daily} and {@code monthly}: quotas of connection <em>acquisitions</em> per tenant and UTC
 *       day / UTC calendar month. We count acquisitions, not statements: the acquisition is where
 *       admission happens anyway (counting costs one increment under the lock already held), it is the
 *       unit of work of a request-per-connection application, and it needs no hook in every statement
 *       (with batches, multi-statement strings and cached statements making "one statement" ambiguous).
 *       A request over a quota fails at once with {@link io.pooledsqlite.tier.QuotaExceededException},
 *       SQLState {@value io.pooledsqlite.tier.TierErrors#QUOTA_EXCEEDED}, naming tenant, tier, quota and
 *       the reset time; quotas reset at 00:00 UTC and on the first of the month 00:00 UTC.</li>
 * </ul>
 *
 * <h2>Requests</h2>
 * {@code dataSource.forTenant("acme", Tier.PRO)} returns a {@link javax.sql.DataSource} for that tenant;
 * {@code dataSource.getConnection("acme", Tier.PRO)} borrows directly; {@code getConnection(user, password)}
 * treats {@code user} as the tenant, on the tier {@code assignTier} gave it ({@code 28000} otherwise).
 * Plain {@code getConnection()} stays outside the tiers (for migrations and administration): such
 * connections are not counted and can take capacity the reservations assume, so keep them few. The usage
 * writer borrows one connection for a moment once a second, the same way. Waiters are woken together
 * when a connection returns: there is no first-come-first-served order among waiting requests of one
 * tier; the per-tenant {@code concurrent} limit and the reservations are what keep the sharing fair.
 *
 * <h2>Counters that survive restarts</h2>
 * Usage is counted in memory (so quotas trip at the exact count) and added to the table
 * {@code pooledsqlite_tier_usage} of the database itself every second by a background thread and when
 * the data source closes. The request path never writes: a caller inside its own write transaction never
 * waits for a counter write, and the writer goes through the pool and its write gate like any other
 * writer. Writes add deltas, so several processes on one file do not overwrite each other (each enforces
 * the total it read at start plus its own count). A crash, or a JVM exit without closing the data
 * source, loses at most the last second of counts.
 *
 * <h2>Errors</h2>
 * The typed Java API rejects impossible values at the call with {@link IllegalArgumentException}
 * ({@code TierLimits.of(-1, …)}). Everything checked against the pool or given as text — unknown tier
 * names, bad key values, a {@code concurrent} above {@code maxPoolSize}, shares above 100 % — fails the
 * first {@code getConnection} with an {@link java.sql.SQLException} of SQLState
 * {@value io.pooledsqlite.tier.TierErrors#BAD_VALUE} ({@value io.pooledsqlite.tier.TierErrors#UNKNOWN_KEY}
 * for an unknown field), like every other pool setting, and leaves no pool running.
 *
 * <h2>Management</h2>
 * {@link io.pooledsqlite.tier.TierMXBean} per pool, {@code io.pooledsqlite:type=Tiers,name=<poolName>}.
 *
 * <h2>Structure</h2>
 * {@link io.pooledsqlite.tier.TieredPool} is a decorator over the pool's deadline-bounded borrow
 * ({@link io.pooledsqlite.tier.PoolBorrow}), the only way this package reaches the pool: it composes
 * {@code Admission} (slots and reservations), {@code QuotaLedger} (counts per UTC window),
 * {@code UsageFlusher} with {@code UsageStore} (the counts in the database) and {@code TierMonitor} (the
 * MXBean). {@link io.pooledsqlite.tier.TenantDataSource} is one tenant's view of a
 * {@link io.pooledsqlite.tier.TieredDataSource}; it and {@code PooledSqliteDataSource} extend
 * {@link io.pooledsqlite.tier.AbstractDataSource}.
 */
package io.pooledsqlite.tier;
