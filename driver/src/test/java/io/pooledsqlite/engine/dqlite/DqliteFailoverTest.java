package io.pooledsqlite.engine.dqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real three-voter cluster on loopback; 8 writers commit through the pool (half with explicit
 * transactions, half in auto-commit mode); the leader is killed with
 * kill -9 mid-run. The writers must go on on the new leader, and afterwards every acknowledged commit is
 * in the database exactly once; a commit reported as "outcome unknown" (40003) may be there or not, and
 * nothing reported as not applied is there. Then, with a second node gone, the cluster has no quorum and
 * a connection attempt fails within connectionTimeout naming every node.
 */
class DqliteFailoverTest {
    private static final int WRITERS = 8;
    private static final int ACKS_BEFORE_KILL = 400;
    private static final int ACKS_AFTER_KILL_EACH = 40;

    @TempDir
    Path dir;

    @Test
    void writersSurviveTheLeaderDyingAndNoAcknowledgedCommitIsLostOrDoubled() {
        assertTimeoutPreemptively(Duration.ofSeconds(240), () -> {
            try (DqliteCluster cluster = DqliteCluster.start(dir, 3)) {
                String url = "jdbc:pooledsqlite:" + cluster.target("failover.db") + "?poolName=failover&maxPoolSize="
                        + WRITERS + "&connectionTimeout=20000&registerMbeans=false";
                Set<String> acked = ConcurrentHashMap.newKeySet();
                Set<String> unknown = ConcurrentHashMap.newKeySet();
                List<String> wrong = Collections.synchronizedList(new ArrayList<>());
                CountDownLatch beforeKill = new CountDownLatch(ACKS_BEFORE_KILL);
                CountDownLatch afterKill = new CountDownLatch(WRITERS);
                AtomicBoolean killed = new AtomicBoolean();
                AtomicBoolean stop = new AtomicBoolean();
                AtomicLong killedAt = new AtomicLong();
                AtomicLong firstAckAfterKill = new AtomicLong();
                try (PooledSqliteDataSource ds = new PooledSqliteDataSource(url)) {
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                        s.executeUpdate("CREATE TABLE acks(writer INTEGER, seq INTEGER, PRIMARY KEY (writer, seq))");
                    }
                    List<Thread> threads = new ArrayList<>();
                    for (int w = 0; w < WRITERS; w++) {
                        int writer = w;
                        Thread t = new Thread(() -> {
                            int seq = 0;
                            int afterKillAcks = 0;
                            boolean retrying = false;
                            while (!stop.get()) {
                                String key = writer + ":" + seq;
                                try (Connection c = ds.getConnection()) {
                                    // half the writers commit explicitly, half in auto-commit mode
                                    boolean explicit = writer % 2 == 0;
                                    c.setAutoCommit(!explicit);
                                    try (PreparedStatement p = c.prepareStatement(
                                            "INSERT INTO acks(writer, seq) VALUES (?, ?)")) {
                                        p.setInt(1, writer);
                                        p.setInt(2, seq);
                                        p.executeUpdate();
                                    }
                                    if (explicit) {
                                        c.commit();
                                    }
                                    acked.add(key);
                                    beforeKill.countDown();
                                    if (killed.get()) {
                                        firstAckAfterKill.compareAndSet(0, System.nanoTime());
                                        if (++afterKillAcks == ACKS_AFTER_KILL_EACH) {
                                            afterKill.countDown();
                                        }
                                    }
                                    seq++;
                                    retrying = false;
                                } catch (SQLException e) {
                                    if (DqliteErrors.OUTCOME_UNKNOWN.equals(e.getSQLState())) {
                                        unknown.add(key);
                                        seq++;
                                    } else if (retrying && "23505".equals(e.getSQLState())) {
                                        wrong.add(key + " was reported not applied, but it was committed");
                                        seq++;
                                    } else {
                                        retrying = true;
                                    }
                                }
                            }
                        }, "writer-" + w);
                        threads.add(t);
                        t.start();
                    }
                    assertTrue(beforeKill.await(60, TimeUnit.SECONDS), "writers did not commit before the kill");
                    String oldLeader = cluster.leader();
                    killedAt.set(System.nanoTime());
                    killed.set(true);
                    cluster.kill(oldLeader);
                    boolean continued = afterKill.await(90, TimeUnit.SECONDS);
                    stop.set(true);
                    for (Thread t : threads) {
                        t.join(30_000);
                    }
                    assertTrue(continued, "every writer should commit " + ACKS_AFTER_KILL_EACH
                            + " times on the new leader");
                    String newLeader = cluster.leader();
                    assertNotEquals(oldLeader, newLeader);

                    Set<String> present = new HashSet<>();
                    int rows = 0;
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT writer, seq FROM acks")) {
                        while (rs.next()) {
                            present.add(rs.getInt(1) + ":" + rs.getInt(2));
                            rows++;
                        }
                    }
                    assertEquals(present.size(), rows, "a row is there twice");
                    Set<String> missing = new HashSet<>(acked);
                    missing.removeAll(present);
                    assertEquals(Collections.emptySet(), missing, "acknowledged commits are missing");
                    Set<String> unexplained = new HashSet<>(present);
                    unexplained.removeAll(acked);
                    unexplained.removeAll(unknown);
                    assertEquals(Collections.emptySet(), unexplained, "rows nobody was told were committed");
                    assertEquals(Collections.emptyList(), wrong);
                    long unknownPresent = unknown.stream().filter(present::contains).count();
                    System.out.printf("failover: %d acknowledged, %d outcome-unknown (%d of them committed), leader %s"
                                    + " killed, first commit on new leader %s after %d ms%n", acked.size(),
                            unknown.size(), unknownPresent, oldLeader, newLeader,
                            TimeUnit.NANOSECONDS.toMillis(firstAckAfterKill.get() - killedAt.get()));

                    cluster.kill(newLeader);
                }
                long start = System.nanoTime();
                SQLException noQuorum = assertThrows(SQLException.class, () -> new DqliteEngine(3000).open(
                        cluster.target("failover.db"), new java.util.Properties()));
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals("08001", noQuorum.getSQLState());
                for (String address : cluster.addresses()) {
                    assertTrue(noQuorum.getMessage().contains(address), noQuorum.getMessage());
                }
                assertTrue(noQuorum.getMessage().contains("knows no leader")
                        || noQuorum.getMessage().contains("refused"), noQuorum.getMessage());
                System.out.println("no quorum after " + tookMs + " ms: " + noQuorum.getMessage());
            }
        });
    }
}
