package io.pooledsqlite.engine.dqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What a client gets when the addresses do not lead to a dqlite leader: an SQLException naming each
 * address and why, within the connection timeout. Real sockets on loopback; no dqlite needed.
 */
class DqliteBadInputTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void noNodeReachable() {
        assertTimeoutPreemptively(BOUND, () -> {
            int a = closedPort();
            int b = closedPort();
            String target = "dqlite://127.0.0.1:" + a + ",127.0.0.1:" + b + "/app.db";
            SQLException e = assertThrows(SQLException.class, () -> new DqliteEngine(1500).open(target,
                    new Properties()));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("127.0.0.1:" + a) && e.getMessage().contains("127.0.0.1:" + b),
                    e.getMessage());
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        });
    }

    @Test
    void aNodeThatIsNotDqlite() {
        assertTimeoutPreemptively(BOUND, () -> {
            byte[] garbage = new byte[64];
            Arrays.fill(garbage, (byte) 'A');
            try (FakeServer server = new FakeServer(garbage)) {
                SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                        "jdbc:pooledsqlite:dqlite://127.0.0.1:" + server.port() + "/app.db?connectionTimeout=1500"
                                + "&poolName=garbage"));
                assertEquals("08001", e.getSQLState());
                assertTrue(e.getMessage().contains("127.0.0.1:" + server.port() + " (does not speak the dqlite"
                        + " protocol"), e.getMessage());
            }
        });
    }

    @Test
    void aNodeThatNeverAnswers() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (FakeServer server = new FakeServer(null)) {
                SQLException e = assertThrows(SQLException.class, () -> new DqliteEngine(1500).open(
                        "dqlite://127.0.0.1:" + server.port() + "/app.db", new Properties()));
                assertEquals("08001", e.getSQLState());
                assertTrue(e.getMessage().contains("no answer from 127.0.0.1:" + server.port()), e.getMessage());
            }
        });
    }

    @Test
    void aSilentNodeDoesNotKeepTheOthersFromBeingAsked() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (FakeServer silent = new FakeServer(null);
                 FakeDqliteNode node = new FakeDqliteNode(FakeDqliteNode.Fault.STOP_READING);
                 java.sql.Connection c = new DqliteEngine(15_000).open("dqlite://127.0.0.1:" + silent.port() + ","
                         + node.address() + "/app.db", new Properties())) {
                assertEquals(node.address(), ((DqliteConnection) c).leaderAddress());
            }
        });
    }

    @Test
    void aDatabaseTheLeaderRefuses() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (FakeDqliteNode node = new FakeDqliteNode(FakeDqliteNode.Fault.REFUSE_DATABASE)) {
                SQLException e = assertThrows(SQLException.class, () -> new DqliteEngine(1500).open(
                        "dqlite://" + node.address() + "/app.db", new Properties()));
                assertEquals("08004", e.getSQLState());
                assertTrue(e.getMessage().contains(node.address() + " refused to open database 'app.db'"),
                        e.getMessage());
            }
        });
    }

    @Test
    void aLeaderThatStopsAnsweringFailsTheStatementWithinItsTimeout() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (FakeDqliteNode node = new FakeDqliteNode(FakeDqliteNode.Fault.STOP_READING);
                 java.sql.Connection c = new DqliteEngine(1500).open("dqlite://" + node.address() + "/app.db",
                         new Properties());
                 java.sql.Statement s = c.createStatement()) {
                s.setQueryTimeout(1);
                SQLException read = assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1"));
                assertEquals("08006", read.getSQLState(), read.getMessage());
                assertTrue(read.getMessage().contains("no answer from " + node.address()), read.getMessage());
            }
        });
    }

    @Test
    void aLargeRequestToALeaderThatStopsReadingFailsWithinItsTimeout() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (FakeDqliteNode node = new FakeDqliteNode(FakeDqliteNode.Fault.STOP_READING);
                 java.sql.Connection c = new DqliteEngine(1500).open("dqlite://" + node.address() + "/app.db",
                         new Properties());
                 java.sql.Statement s = c.createStatement()) {
                s.setQueryTimeout(1);
                // far more than the socket buffers on both sides hold: the write itself blocks
                String big = "INSERT INTO t VALUES ('" + "x".repeat(32 << 20) + "')";
                SQLException write = assertThrows(SQLException.class, () -> s.executeUpdate(big));
                assertEquals("40003", write.getSQLState(), write.getMessage());
                assertTrue(write.getMessage().contains("did not take a"), write.getMessage());
            }
        });
    }

    @Test
    void malformedTargetsAreConfigurationErrors() {
        for (String target : new String[] {"dqlite://127.0.0.1:9001", "dqlite://127.0.0.1:9001/", "dqlite:///app.db",
                "dqlite://127.0.0.1/app.db", "dqlite://127.0.0.1:x/app.db", "dqlite://127.0.0.1:9001/a/b"}) {
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:pooledsqlite:"
                    + target), target);
            assertTrue(e.getSQLState().startsWith("08") || e.getSQLState().startsWith("HY")
                    || e.getSQLState().startsWith("42"), target + ": " + e.getSQLState());
            assertTrue(e.getMessage().contains(target.substring(0, 12)) || e.getMessage().contains("database")
                    || e.getMessage().contains("host:port"), e.getMessage());
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A TCP server on loopback that answers every connection with fixed bytes, or never answers. */
    private static final class FakeServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final Thread thread;

        FakeServer(byte[] answer) throws IOException {
            thread = new Thread(() -> serve(answer), "fake-dqlite");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve(byte[] answer) {
            java.util.List<Socket> open = new java.util.ArrayList<>();
            try {
                while (true) {
                    Socket s = socket.accept();
                    open.add(s);
                    InputStream in = s.getInputStream();
                    in.readNBytes(16);
                    if (answer != null) {
                        OutputStream out = s.getOutputStream();
                        out.write(answer);
                        out.flush();
                    }
                }
            } catch (IOException closed) {
                for (Socket s : open) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5000);
        }
    }
}
