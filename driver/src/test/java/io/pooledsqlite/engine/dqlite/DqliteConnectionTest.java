package io.pooledsqlite.engine.dqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC layer against one real dqlite node, with plain sqlite-jdbc as the oracle: the same scenario
 * runs on a local file through pooledsqlite and on dqlite through pooledsqlite, and must give the same
 * values, types, update counts, generated keys and error codes.
 */
class DqliteConnectionTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    private static DqliteCluster cluster;

    @BeforeAll
    static void startNode() throws Exception {
        cluster = DqliteCluster.start(dir.resolve("cluster"), 1);
    }

    @AfterAll
    static void stopNode() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Connection dqlite(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:pooledsqlite:" + cluster.target(database)
                + "?poolName=dq-" + database + "&connectionTimeout=10000");
    }

    private static Connection local(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:pooledsqlite:" + dir.resolve(name + ".db") + "?poolName=local-"
                + name);
    }

    /** A scenario's observations, written down as text to compare. */
    private interface Scenario {
        List<String> run(Connection c) throws SQLException;
    }

    /** The same pool on a local file is the oracle: on dqlite the scenario must observe the same. */
    private static void assertSameAsOnALocalFile(String database, Scenario scenario) {
        assertTimeoutPreemptively(BOUND, () -> {
            List<String> expected;
            try (Connection c = local(database)) {
                expected = scenario.run(c);
            }
            try (Connection c = dqlite(database)) {
                assertEquals(expected, scenario.run(c));
            }
        });
    }

    @Test
    void sameResultsAsALocalFile() {
        assertSameAsOnALocalFile("oracle", DqliteConnectionTest::scenario);
    }

    /** Everything a typical application does, written down as text to compare. */
    private static List<String> scenario(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS t");
            out.add("create " + s.executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL,"
                    + " data BLOB, note)"));
            out.add("insert " + s.executeUpdate("INSERT INTO t(name, score, data) VALUES ('a', 1.5, x'00ff10')"));
            try (ResultSet keys = s.getGeneratedKeys()) {
                out.add("key " + (keys.next() ? keys.getLong(1) : "none"));
            }
            out.add("ddl after insert " + s.executeUpdate("CREATE INDEX t_score ON t(score)"));
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t(name, score, data, note) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < 3; i++) {
                p.setString(1, "n" + i);
                p.setDouble(2, i / 4.0);
                p.setBytes(3, new byte[] {(byte) i, 0, (byte) 200});
                if (i == 1) {
                    p.setNull(4, java.sql.Types.INTEGER);
                } else {
                    p.setLong(4, 5_000_000_000L * i);
                }
                out.add("prepared insert " + p.executeUpdate());
            }
            p.setString(1, "b1");
            p.setDouble(2, 2);
            p.setBytes(3, null);
            p.setString(4, "x");
            p.addBatch();
            p.setString(1, "b2");
            p.addBatch();
            out.add("batch " + java.util.Arrays.toString(p.executeBatch()));
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            out.add("update in tx " + s.executeUpdate("UPDATE t SET score = score + 1 WHERE score < 1"));
            c.rollback();
            out.add("delete in tx " + s.executeUpdate("DELETE FROM t WHERE name = 'b2'"));
            c.commit();
        }
        c.setAutoCommit(true);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, score, data, note, typeof(note), 7 / 2, '12abc'"
                     + " FROM t ORDER BY id")) {
            out.add("columns " + rs.getMetaData().getColumnCount() + " " + rs.getMetaData().getColumnName(2));
            while (rs.next()) {
                StringBuilder row = new StringBuilder("row");
                for (int i = 1; i <= 8; i++) {
                    Object o = rs.getObject(i);
                    row.append(' ').append(o == null ? "null" : o.getClass().getSimpleName() + ":"
                            + (o instanceof byte[] ? java.util.Arrays.toString((byte[]) o) : o));
                }
                row.append(" | ").append(rs.getInt(8)).append(' ').append(rs.getString(3)).append(' ')
                        .append(rs.getLong("note")).append(rs.wasNull());
                out.add(row.toString());
            }
        }
        try (Statement s = c.createStatement()) {
            // dqlite sends values of BOOLEAN and DATETIME columns with types of its own
            s.executeUpdate("DROP TABLE IF EXISTS typed");
            s.executeUpdate("CREATE TABLE typed(flag BOOLEAN, at DATETIME, day DATE)");
            s.executeUpdate("INSERT INTO typed VALUES (1, '2024-02-29 13:14:15.123', '2024-03-01')");
            s.executeUpdate("INSERT INTO typed VALUES (0, 1700000000000, NULL)");
            try (ResultSet rs = s.executeQuery("SELECT flag, at, day FROM typed ORDER BY rowid")) {
                while (rs.next()) {
                    out.add("typed " + rs.getObject(1) + " " + rs.getBoolean(1) + " " + rs.getObject(2) + " "
                            + rs.getTimestamp(2).getTime() + " " + rs.getObject(3));
                    try {
                        out.add("day " + rs.getDate(3));
                    } catch (SQLException e) {
                        out.add("day error " + e.getSQLState() + " " + e.getMessage().startsWith("Error parsing date"));
                    }
                }
            }
        }
        for (String bad : new String[] {"INSERT INTO t(name) VALUES ('a')", "SELEC 1", "SELECT * FROM missing",
                "SELECT nope FROM t"}) {
            try (Statement s = c.createStatement()) {
                s.execute(bad);
                out.add("no error for " + bad);
            } catch (SQLException e) {
                out.add("error " + e.getSQLState() + " " + e.getErrorCode() + " " + e.getClass().getSimpleName());
            }
        }
        out.add("product " + c.getMetaData().getDatabaseProductName());
        return out;
    }

    @Test
    void bindingAndExecuteBehaveAsOnALocalFile() {
        assertSameAsOnALocalFile("binding", DqliteConnectionTest::bindingScenario);
    }

    /** How each setter stores its value, and what execute, getUpdateCount and getGeneratedKeys say. */
    private static List<String> bindingScenario(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS b");
            s.executeUpdate("CREATE TABLE b(k INTEGER PRIMARY KEY, v)");
        }
        Object[] values = {Boolean.TRUE, (short) 7, (byte) -3, 2.5f, new java.math.BigDecimal("1.25"), 42, 1L << 40,
            "text", new byte[] {1, 2}, new java.sql.Timestamp(1_000), new java.sql.Date(86_400_000L), 'c', null};
        try (PreparedStatement p = c.prepareStatement("INSERT INTO b(v) VALUES (?)")) {
            for (Object v : values) {
                p.setObject(1, v);
                p.executeUpdate();
            }
            p.setBoolean(1, false);
            p.executeUpdate();
            p.setFloat(1, 0.1f);
            p.executeUpdate();
            p.setTimestamp(1, new java.sql.Timestamp(5_000));
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO b(v) VALUES (?)")) {
            p.executeUpdate(); // back from the statement cache: NULL, as in a fresh statement, not the last value
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT k, typeof(v), v FROM b ORDER BY k")) {
            while (rs.next()) {
                Object v = rs.getObject(3);
                out.add("stored " + rs.getInt(1) + " " + rs.getString(2) + " "
                        + (v instanceof byte[] ? java.util.Arrays.toString((byte[]) v) : v));
            }
        }
        try (Statement s = c.createStatement()) {
            out.add("execute select " + s.execute("SELECT 1") + " " + s.getUpdateCount());
            out.add("execute update " + s.execute("UPDATE b SET v = 0 WHERE k < 3") + " " + s.getUpdateCount());
            try (ResultSet keys = s.getGeneratedKeys()) {
                out.add("keys after update " + keys.next());
            }
            out.add("multi " + s.executeUpdate("INSERT INTO b(v) VALUES (1); INSERT INTO b(v) VALUES (2)"));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM b")) {
                rs.next();
                out.add("count " + rs.getInt(1));
            }
            out.add("execute pragma " + s.execute("PRAGMA user_version = 3"));
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                rs.next();
                out.add("user_version " + rs.getInt(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT k FROM b WHERE k > 1000")) {
                out.add("empty " + rs.next());
            }
        }
        return out;
    }

    @Test
    void rowsOfAllTypesStreamAcrossBatchesAndAnEarlyCloseInterrupts() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Connection c = dqlite("stream"); Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE IF EXISTS big");
                s.executeUpdate("CREATE TABLE big(i INTEGER, r REAL, t TEXT, b BLOB, n)");
                c.setAutoCommit(false);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO big VALUES (?, ?, ?, ?, NULL)")) {
                    for (int i = 0; i < 5000; i++) {
                        p.setInt(1, i);
                        p.setDouble(2, i + 0.25);
                        p.setString(3, "text-" + i + "-\u00e9\u4e2d");
                        p.setBytes(4, new byte[] {(byte) i, (byte) (i >> 8)});
                        p.executeUpdate();
                    }
                }
                c.commit();
                c.setAutoCommit(true);
                int n = 0;
                try (ResultSet rs = s.executeQuery("SELECT * FROM big ORDER BY i")) {
                    while (rs.next()) {
                        assertEquals(n, rs.getInt(1));
                        assertEquals(n + 0.25, rs.getDouble(2));
                        assertEquals("text-" + n + "-\u00e9\u4e2d", rs.getString(3));
                        assertArrayEquals(new byte[] {(byte) n, (byte) (n >> 8)}, rs.getBytes(4));
                        assertEquals(null, rs.getObject(5));
                        n++;
                    }
                }
                assertEquals(5000, n);
                try (ResultSet rs = s.executeQuery("SELECT * FROM big")) {
                    assertTrue(rs.next());
                }
                try (Statement other = c.createStatement();
                     ResultSet first = s.executeQuery("SELECT i FROM big ORDER BY i");
                     ResultSet count = other.executeQuery("SELECT count(*) FROM big")) {
                    assertTrue(first.next());
                    assertTrue(count.next());
                    assertEquals(5000, count.getInt(1));
                    int rows = 1;
                    while (first.next()) {
                        rows++;
                    }
                    assertEquals(5000, rows, "a result set still streaming was buffered, not lost");
                }
            }
        });
    }

    @Test
    void whatNeedsALocalConnectionSaysSo() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Connection c = dqlite("local-only")) {
                assertThrows(SQLException.class, () -> c.unwrap(org.sqlite.SQLiteConnection.class));
                assertFalse(c.isWrapperFor(org.sqlite.SQLiteConnection.class));
                assertEquals("SQLite", c.getMetaData().getDatabaseProductName());
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("CREATE TABLE IF NOT EXISTS listed(x)");
                }
                try (ResultSet tables = c.getMetaData().getTables(null, null, "listed", null)) {
                    assertTrue(tables.next());
                    assertEquals("TABLE", tables.getString("TABLE_TYPE"));
                }
            }
        });
    }

    @Test
    void sqliteSettingsForTheClusterAreRefusedByName() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:pooledsqlite:"
                + cluster.target("x") + "?journal_mode=DELETE"));
        assertTrue(e.getMessage().contains("journal_mode"), e.getMessage());
        SQLException engine = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:pooledsqlite:"
                + cluster.target("x") + "?engine=native"));
        assertTrue(engine.getMessage().contains("dqlite"), engine.getMessage());
    }
}
