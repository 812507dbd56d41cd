package io.pooledsqlite.engine.dqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each kind of statement reports when its leader has died (kill -9 of a real one-node cluster between
 * statements): a write that may have committed is 40003 "completion unknown", everything else is 08006 and
 * says whether an open transaction was lost. Through the pool, and on a bare dqlite connection.
 */
class DqliteOutcomeTest {
    @TempDir
    Path dir;

    @Test
    void eachStatementSaysWhatBecameOfItWhenTheLeaderDied() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (DqliteCluster cluster = DqliteCluster.start(dir, 1)) {
                String target = cluster.target("outcome.db");
                String url = "jdbc:pooledsqlite:" + target + "?poolName=outcome&maxPoolSize=4"
                        + "&minIdle=1&connectionTimeout=2000&registerMbeans=false";
                try (PooledSqliteDataSource ds = new PooledSqliteDataSource(url)) {
                    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                        s.executeUpdate("CREATE TABLE t(x)");
                    }
                    Connection toCommit = ds.getConnection();
                    Connection autoRead = ds.getConnection();
                    toCommit.setAutoCommit(false);
                    for (int tx = 0; tx < 2; tx++) {
                        try (Statement s = toCommit.createStatement()) {
                            s.executeUpdate("INSERT INTO t VALUES (1)");
                        }
                        if (tx == 0) {
                            // the pool prepares its COMMIT on the leader at the first commit; the second is sent
                            toCommit.commit();
                        }
                    }
                    PreparedStatement select = autoRead.prepareStatement("SELECT count(*) FROM t");
                    // bare connections, each from its own engine: each is the first of its kind to meet the
                    // dead leader (the pool's write gate would also keep a second writer of this thread waiting)
                    Connection autoWrite = new DqliteEngine(2000).open(target, new Properties());
                    PreparedStatement insert = autoWrite.prepareStatement("INSERT INTO t VALUES (2)");
                    Connection midTransaction = new DqliteEngine(2000).open(target, new Properties());
                    midTransaction.setAutoCommit(false);
                    try (Statement s = midTransaction.createStatement(); ResultSet rs = s.executeQuery(
                            "SELECT count(*) FROM t")) {
                        assertTrue(rs.next());
                    }

                    cluster.kill(cluster.addresses().get(0));

                    SQLException commit = assertThrows(SQLException.class, toCommit::commit);
                    assertEquals("40003", commit.getSQLState(), commit.getMessage());
                    assertTrue(commit.getMessage().startsWith("Statement completion unknown"), commit.getMessage());
                    assertFalse(commit.getMessage().contains("rolled back"), commit.getMessage());

                    SQLException read = assertThrows(SQLException.class, select::executeQuery);
                    assertEquals("08006", read.getSQLState(), read.getMessage());
                    assertTrue(read.getMessage().contains("this statement was not sent"),
                            "the pool's other connection knows the leader is gone: " + read.getMessage());

                    SQLException write = assertThrows(SQLException.class, insert::executeUpdate);
                    assertEquals("40003", write.getSQLState(), write.getMessage());

                    SQLException lost = assertThrows(SQLException.class, () -> {
                        try (Statement s = midTransaction.createStatement()) {
                            s.executeUpdate("INSERT INTO t VALUES (3)");
                        }
                    });
                    assertEquals("08006", lost.getSQLState(), lost.getMessage());
                    assertTrue(lost.getMessage().contains("the open transaction was not committed"),
                            lost.getMessage());
                    assertTrue(midTransaction.isClosed(), "a bare connection whose leader died is closed");

                    for (Connection c : new Connection[] {autoWrite, autoRead, toCommit, midTransaction}) {
                        c.close();
                    }
                    // the two that failed left the pool; only the idle one, not used since, is still there
                    assertTrue(ds.getPoolMXBean().getTotalConnections() <= 1,
                            "connections whose leader died leave the pool: "
                                    + ds.getPoolMXBean().getTotalConnections());
                    SQLException noLeader = assertThrows(SQLException.class, ds::getConnection);
                    assertTrue(noLeader.getMessage().contains(cluster.addresses().get(0)), noLeader.getMessage());
                }
            }
        });
    }

    @Test
    void aBareConnectionRunsItsOwnTransactions() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            try (DqliteCluster cluster = DqliteCluster.start(dir, 1);
                 Connection c = new DqliteEngine(10_000).open(cluster.target("bare.db"), new Properties());
                 Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE t(x)");
                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO t VALUES (1)");
                c.rollback();
                s.executeUpdate("INSERT INTO t VALUES (2)");
                c.commit();
                s.executeUpdate("INSERT INTO t VALUES (3)");
                c.setAutoCommit(true);
                try (ResultSet rs = s.executeQuery("SELECT group_concat(x) FROM t")) {
                    assertTrue(rs.next());
                    assertEquals("2,3", rs.getString(1));
                }
                assertThrows(SQLException.class, c::commit, "commit in auto-commit mode");
            }
        });
    }
}
