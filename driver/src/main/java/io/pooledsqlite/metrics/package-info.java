/**
 * What a pool shows about itself: JMX, Micrometer meters, and timings as they happen.
 *
 * <h2>JMX</h2>
 * Every pool registers a {@link io.pooledsqlite.metrics.PoolMXBean} as
 * {@code io.pooledsqlite:type=Pool,name=<poolName>} (unless {@code registerMbeans=false}): connection
 * counts, counters since start, and the operations {@code softEvictConnections}, {@code clearStatementCaches}
 * and {@code snapshot}.
 *
 * <h2>Micrometer (optional dependency)</h2>
 * Either set the pool key {@code metrics=true}, which reports to {@code Metrics.globalRegistry}, or give a
 * data source its registry with {@code PooledSqliteDataSource.setMeterRegistry(registry)}. Without
 * {@code io.micrometer:micrometer-core} on the class path the driver works as usual; {@code metrics=true}
 * then fails the pool start with SQLState {@code HY024}. Meters, all tagged {@code pool=<poolName>}:
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code pooledsqlite.connections.total|active|idle|pending}</td><td>gauge</td>
 *       <td>connections open, lent out, idle; threads waiting</td></tr>
 *   <tr><td>{@code pooledsqlite.connections.max|min}</td><td>gauge</td><td>maxPoolSize, minIdle in effect</td></tr>
 *   <tr><td>{@code pooledsqlite.connections.acquire}</td><td>timer</td>
 *       <td>successful getConnection calls and the time they took</td></tr>
 *   <tr><td>{@code pooledsqlite.connections.usage}</td><td>timer</td>
 *       <td>returned connections and how long they were out</td></tr>
 *   <tr><td>{@code pooledsqlite.connections.creation}</td><td>timer</td>
 *       <td>physical connections opened after the meters were bound (with {@code setMeterRegistry}, the
 *       pool's first connection is opened before)</td></tr>
 *   <tr><td>{@code pooledsqlite.writegate.wait}</td><td>timer</td>
 *       <td>writers that had to wait for the in-JVM write gate, and how long</td></tr>
 *   <tr><td>{@code pooledsqlite.connections.borrowed|created|closed|timeout|leaks}</td>
 *       <td>function counter</td><td>borrows, connections opened and closed, acquire timeouts, leaks</td></tr>
 *   <tr><td>{@code pooledsqlite.statements.cache.gets} ({@code result=hit|miss}),
 *       {@code pooledsqlite.statements.cache.evictions}</td><td>function counter</td>
 *       <td>statement cache use</td></tr>
 *   <tr><td>{@code pooledsqlite.busy.retries}</td><td>function counter</td>
 *       <td>statements retried after SQLITE_BUSY from another process</td></tr>
 *   <tr><td>{@code pooledsqlite.engine} ({@code engine=<name>})</td><td>gauge, always 1</td>
 *       <td>the SQLite engine</td></tr>
 * </table>
 * Timers are Micrometer {@code Timer}s: a {@code MeterFilter} on the registry (Spring Boot's
 * {@code management.metrics.distribution.percentiles|percentiles-histogram|slo.<meter>}) turns on percentiles,
 * histograms and SLO buckets, as for HikariCP's meters. Counters are read from the MXBean when the registry
 * publishes. With metrics off the borrow path calls an empty method (removed by the JIT); with metrics on it
 * records into the acquire timer and the return path into the usage timer. The meters are removed when
 * the pool closes.
 *
 * <h2>Logs</h2>
 * Through {@code System.Logger}, logger names under {@code io.pooledsqlite}: INFO for pool start (engine,
 * sizes, SQLite settings), close, metrics binding and operator actions; WARNING for leaks (with the
 * borrower's stack); DEBUG for each connection closed and why. Nothing on the borrow path.
 */
package io.pooledsqlite.metrics;
