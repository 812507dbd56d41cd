package io.pooledsqlite.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierAdmissionTest {
    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "test threads did not stop");
    }

    /** Holds a connection while it is open, keeping the highest number held at once. */
    private static final class HeldCounter {
        final AtomicInteger now = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();

        void borrowed() {
            int n = now.incrementAndGet();
            max.accumulateAndGet(n, Math::max);
        }

        void returning() {
            now.decrementAndGet();
        }
    }

    private static void selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
    }

    /** Waits for a state the gate reaches inside a blocked call, where no latch can reach. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void anEnterpriseTenantGetsItsReservedConnectionsWhileManyFreeTenantsHammerThePool() throws Exception {
        try (PooledSqliteDataSource ds = TieredDataSources.open(dir.resolve("load.db"), 10_000)) {
            TieredDataSources.partitioned(ds);
            HeldCounter free = new HeldCounter();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch freeTraffic = new CountDownLatch(200);
            LongAdder freeTimeouts = new LongAdder();
            List<Future<?>> freeWorkers = new ArrayList<>();
            for (int tenant = 0; tenant < 8; tenant++) {
                DataSource tenantDs = ds.forTenant("free-" + tenant, Tier.FREE);
                for (int t = 0; t < 2; t++) {
                    freeWorkers.add(threads.submit(() -> {
                        while (!stop.get()) {
                            try (Connection c = tenantDs.getConnection()) {
                                free.borrowed();
                                selectOne(c);
                                free.returning();
                                freeTraffic.countDown();
                            } catch (SQLTransientConnectionException e) {
                                freeTimeouts.increment();
                            }
                        }
                        return null;
                    }));
                }
            }
            assertTrue(freeTraffic.await(60, TimeUnit.SECONDS), "free tenants made no progress");

            DataSource enterprise = ds.forTenant("bigcorp", Tier.ENTERPRISE);
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Connection c = enterprise.getConnection();
                selectOne(c);
                held.add(c);
            }
            TierFigures during = ds.getTierMXBean().getEnterprise();
            assertEquals(5, during.getConnectionsHeld());
            assertEquals(0, during.getTimeouts());
            for (Connection c : held) {
                c.close();
            }
            stop.set(true);
            for (Future<?> f : freeWorkers) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertTrue(free.max.get() >= 1 && free.max.get() <= 2,
                    "the free tier has 2 reserved connections and nothing left over, but held " + free.max.get());
            assertEquals(0, ds.getTierMXBean().getConnectionsHeld());
        }
    }

    @Test
    void freeTenantsHoldingEverythingTheyCanLeaveTheEnterpriseReservationFree() throws Exception {
        try (PooledSqliteDataSource ds = TieredDataSources.open(dir.resolve("hold.db"), 2_000)) {
            TieredDataSources.partitioned(ds);
            CountDownLatch twoIn = new CountDownLatch(2);
            CountDownLatch letGo = new CountDownLatch(1);
            AtomicInteger freeGotIn = new AtomicInteger();
            List<Future<?>> freeWorkers = new ArrayList<>();
            for (int tenant = 0; tenant < 8; tenant++) {
                DataSource tenantDs = ds.forTenant("free-" + tenant, Tier.FREE);
                for (int t = 0; t < 2; t++) {
                    freeWorkers.add(threads.submit(() -> {
                        try (Connection c = tenantDs.getConnection()) {
                            freeGotIn.incrementAndGet();
                            twoIn.countDown();
                            letGo.await();
                        } catch (SQLTransientConnectionException timedOut) {
                            // the free tier is full: expected for all but two of them
                        }
                        return null;
                    }));
                }
            }
            assertTrue(twoIn.await(30, TimeUnit.SECONDS), "no free tenant got a connection");
            // without the reservation, free tenants would hold all 10 connections and these would time out
            List<Connection> enterprise = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                enterprise.add(ds.getConnection("bigcorp", Tier.ENTERPRISE));
            }
            assertEquals(2, ds.getTierMXBean().getFree().getConnectionsHeld());
            assertEquals(5, ds.getTierMXBean().getEnterprise().getConnectionsHeld());
            for (Connection c : enterprise) {
                selectOne(c);
                c.close();
            }
            letGo.countDown();
            for (Future<?> f : freeWorkers) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertTrue(freeGotIn.get() >= 2);
        }
    }

    @Test
    void oneTenantNeverHoldsMoreThanItsConcurrentLimit() throws Exception {
        try (PooledSqliteDataSource ds = TieredDataSources.open(dir.resolve("limit.db"), 10_000)) {
            TieredDataSources.partitioned(ds);
            DataSource acme = ds.forTenant("acme", Tier.PRO);
            HeldCounter counter = new HeldCounter();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < 40; i++) {
                        try (Connection c = acme.getConnection()) {
                            counter.borrowed();
                            selectOne(c);
                            counter.returning();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : workers) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertTrue(counter.max.get() <= 3, "tenant held " + counter.max.get() + " connections at once, limit 3");
            assertEquals(320, ds.getTierMXBean().getPro().getAcquisitions());
        }
    }

    @Test
    void aRequestOverTheConcurrentLimitWaitsForAReturnAndTimesOutNamingTheLimit() throws Exception {
        try (PooledSqliteDataSource ds = TieredDataSources.open(dir.resolve("wait.db"), 10_000)) {
            ds.setTierLimits(Tier.PRO, TierLimits.of(3, TierLimits.UNLIMITED, TierLimits.UNLIMITED, 60));
            DataSource acme = ds.forTenant("acme", Tier.PRO);
            Connection a = acme.getConnection();
            Connection b = acme.getConnection();
            Connection c = acme.getConnection();
            Future<Connection> fourth = threads.submit(() -> acme.getConnection());
            TierMXBean tiers = ds.getTierMXBean();
            await("the fourth request waits", () -> tiers.getPro().getRequestsWaiting() == 1);
            assertFalse(fourth.isDone());
            // another tenant of the same tier is not held up by acme's limit
            try (Connection other = ds.getConnection("globex", Tier.PRO)) {
                selectOne(other);
            }
            b.close();
            try (Connection d = fourth.get(30, TimeUnit.SECONDS)) {
                selectOne(d);
                assertEquals(3, tiers.getPro().getConnectionsHeld());
            }
            a.close();
            c.close();
        }
        try (PooledSqliteDataSource ds = TieredDataSources.open(dir.resolve("timeout.db"), 200)) {
            TieredDataSources.partitioned(ds);
            List<Connection> three = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                three.add(ds.getConnection("acme", Tier.PRO));
            }
            SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class,
                    () -> ds.getConnection("acme", Tier.PRO));
            assertEquals(TierErrors.TIMED_OUT, e.getSQLState());
            assertTrue(e.getMessage().contains("'acme'") && e.getMessage().contains("tier pro")
                    && e.getMessage().contains("3 of its 3 concurrent"), e.getMessage());
            assertEquals(1, ds.getTierMXBean().getPro().getTimeouts());
            for (Connection c : three) {
                c.close();
            }
        }
    }

    @Test
    void aTierUsesTheUnreservedRestButNeverAnotherTiersReservation() throws Exception {
        try (PooledSqliteDataSource ds = TieredDataSources.open(dir.resolve("leftover.db"), 200)) {
            // 2 reserved for free, 4 for enterprise, 4 left for anyone
            ds.setTierLimits(Tier.FREE, TierLimits.of(10, TierLimits.UNLIMITED, TierLimits.UNLIMITED, 20));
            ds.setTierLimits(Tier.ENTERPRISE, TierLimits.of(10, TierLimits.UNLIMITED, TierLimits.UNLIMITED, 40));
            List<Connection> free = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                free.add(ds.getConnection("free-" + i, Tier.FREE));
            }
            SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class,
                    () -> ds.getConnection("free-6", Tier.FREE));
            assertTrue(e.getMessage().contains("reserved for other tiers"), e.getMessage());
            List<Connection> enterprise = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                enterprise.add(ds.getConnection("bigcorp", Tier.ENTERPRISE));
            }
            assertThrows(SQLTransientConnectionException.class, () -> ds.getConnection("bigcorp", Tier.ENTERPRISE));
            assertEquals(10, ds.getPoolMXBean().getActiveConnections());
            free.remove(0).close();
            // free held its 2 reserved plus the 4 shared: one back frees a shared slot, enterprise may take it
            try (Connection c = ds.getConnection("bigcorp", Tier.ENTERPRISE)) {
                selectOne(c);
            }
            for (Connection c : free) {
                c.close();
            }
            for (Connection c : enterprise) {
                c.close();
            }
        }
    }

    @Test
    void aTenantInsideItsOwnWriteTransactionCanBorrowAgainWithoutDeadlock() throws Exception {
        try (PooledSqliteDataSource ds = TieredDataSources.open(dir.resolve("tx.db"), 2_000)) {
            TieredDataSources.partitioned(ds);
            DataSource acme = ds.forTenant("acme", Tier.PRO);
            try (Connection writer = acme.getConnection()) {
                writer.setAutoCommit(false);
                try (Statement s = writer.createStatement()) {
                    s.executeUpdate("create table t (x)");
                    s.executeUpdate("insert into t values (1)");
                }
                // the write lock is held; borrowing, counting and reading must not need it
                try (Connection reader = acme.getConnection()) {
                    selectOne(reader);
                }
                writer.commit();
            }
        }
    }

    @Test
    void tierFiguresAreReadableOverJmxUntilTheDataSourceCloses() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name;
        try (PooledSqliteDataSource ds = TieredDataSources.open(dir.resolve("jmx.db"), 2_000)) {
            TieredDataSources.partitioned(ds);
            name = new ObjectName("io.pooledsqlite:type=Tiers,name=" + ds.getPoolMXBean().getPoolName());
            try (Connection c = ds.getConnection("acme", Tier.PRO)) {
                CompositeData pro = (CompositeData) server.getAttribute(name, "Pro");
                assertEquals(1, pro.get("connectionsHeld"));
                assertEquals(3, pro.get("reservedConnections"));
                assertEquals(3, pro.get("concurrentLimit"));
                assertEquals(1L, pro.get("acquisitions"));
                assertEquals(1, server.getAttribute(name, "ConnectionsHeld"));
                assertEquals(1L, server.invoke(name, "dailyUsage", new Object[] {"acme"},
                        new String[] {String.class.getName()}));
                assertEquals(5, ((CompositeData) server.getAttribute(name, "Enterprise")).get("reservedConnections"));
            }
        }
        assertFalse(server.isRegistered(name));
    }
}
