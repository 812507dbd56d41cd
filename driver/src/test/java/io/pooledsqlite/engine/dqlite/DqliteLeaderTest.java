package io.pooledsqlite.engine.dqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the leader on a real three-node cluster, and what a follower says to a client that writes to it. */
class DqliteLeaderTest {
    @TempDir
    Path dir;

    @Test
    void aFollowersAddressLeadsToTheLeaderAndAFollowerRefusesStatementsAsNotLeader() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (DqliteCluster cluster = DqliteCluster.start(dir, 3)) {
                String leader = cluster.leader();
                String follower = cluster.addresses().stream().filter(a -> !a.equals(leader)).findFirst()
                        .orElseThrow();
                try (Connection c = new DqliteEngine(10_000).open("dqlite://" + follower + "/app.db",
                        new Properties())) {
                    assertEquals(leader, ((DqliteConnection) c).leaderAddress());
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("CREATE TABLE t(x)");
                    }
                }

                // a client registered on a follower directly, as one whose leader stepped down would be
                NodeConnection node = NodeConnection.open(follower, 5000);
                NodeConnection.check(node.call(new Request(Wire.REQUEST_CLIENT).uint64(1)), Wire.RESPONSE_WELCOME);
                node.send(new Request(Wire.REQUEST_OPEN).text("app.db").uint64(0).text("volatile"));
                int db = node.expect(Wire.RESPONSE_DB).uint32();
                DqliteSession session = new DqliteSession(node, db, new LeaderTerm(follower));
                try (DqliteConnection onFollower = new DqliteConnection(session,
                        "jdbc:pooledsqlite:dqlite://" + follower + "/app.db", 5000)) {
                    assertNotEquals(leader, onFollower.leaderAddress());
                    SQLException e = assertThrows(SQLException.class, () -> {
                        try (Statement s = onFollower.createStatement()) {
                            s.executeUpdate("INSERT INTO t VALUES (1)");
                        }
                    });
                    assertEquals(DqliteErrors.CONNECTION_LOST, e.getSQLState(), e.getMessage());
                    assertTrue(e.getMessage().contains("no longer the leader"), e.getMessage());
                    assertEquals(ServerFailure.NOT_LEADER, e.getErrorCode());
                    assertTrue(onFollower.isClosed(), "a connection to a node that does not lead is closed");
                }
            }
        });
    }
}
