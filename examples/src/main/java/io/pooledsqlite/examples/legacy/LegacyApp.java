package io.pooledsqlite.examples.legacy;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A program written the way applications used sqlite-jdbc before any pool: it opens a fresh connection
 * for every small unit of work through each of sqlite-jdbc's four entry points, casts to
 * {@link SQLiteConnection}, registers a user function, expects {@code :memory:} to be empty on every
 * connect and expects {@code database is locked} from a second writer.
 *
 * <p>It is the test subject of the pooledsqlite agent, so it never mentions pooledsqlite and its output
 * is deterministic (counts and checksums, no timings, no paths): a run with the agent must print exactly
 * what a run without it prints. It exits with status 1 when one of its own checks fails.
 *
 * <p>Usage: {@code java -cp <classpath> io.pooledsqlite.examples.legacy.LegacyApp <db file> [opens]}
 */
public final class LegacyApp {

    /** Connections opened in the main loop when no count is given: 500 through each entry point. */
    public static final int DEFAULT_OPENS = 2000;

    private static final int MEMORY_CONNECTS = 50;

    /** One of sqlite-jdbc's ways to open a connection. */
    private interface Opener {
        Connection open() throws SQLException;
    }

    /** One of sqlite-jdbc's entry points, with the name the output uses for it. */
    private record EntryPoint(String name, Opener opener) {
    }

    private final String url;
    private final PrintStream out;
    private int failures;

    private LegacyApp(Path dbFile, PrintStream out) {
        this.url = "jdbc:sqlite:" + dbFile.toAbsolutePath();
        this.out = out;
    }

    /**
     * Runs the program.
     *
     * @param args the database file, then optionally the number of connections to open (a multiple of 4)
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: LegacyApp <db file> [opens, a multiple of 4, default " + DEFAULT_OPENS + "]");
            System.exit(2);
        }
        int opens = args.length == 2 ? Integer.parseInt(args[1]) : DEFAULT_OPENS;
        if (opens <= 0 || opens % 4 != 0) {
            System.err.println("opens must be a positive multiple of 4, got " + opens);
            System.exit(2);
        }
        if (!run(Path.of(args[0]), opens, System.out)) {
            System.exit(1);
        }
    }

    /**
     * Runs every phase against {@code dbFile}, printing to {@code out}.
     *
     * @return true when all of the program's own checks passed
     */
    public static boolean run(Path dbFile, int opens, PrintStream out) throws SQLException {
        LegacyApp app = new LegacyApp(dbFile, out);
        app.createSchema();
        app.openManyConnections(opens / 4);
        app.checksumWithUserFunction();
        app.checkMemoryDatabasesAreFresh();
        app.checkSecondWriterSeesLock();
        out.println("checks failed: " + app.failures);
        return app.failures == 0;
    }

    private List<EntryPoint> entryPoints() {
        return List.of(
                new EntryPoint("DriverManager.getConnection", () -> DriverManager.getConnection(url)),
                new EntryPoint("JDBC.connect", () -> new org.sqlite.JDBC().connect(url, new Properties())),
                new EntryPoint("SQLiteDataSource.getConnection", () -> {
                    SQLiteDataSource dataSource = new SQLiteDataSource();
                    dataSource.setUrl(url);
                    return dataSource.getConnection();
                }),
                new EntryPoint("SQLiteConfig.createConnection", () -> new SQLiteConfig().createConnection(url)));
    }

    private void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS events");
            s.executeUpdate("CREATE TABLE events (id INTEGER PRIMARY KEY, path TEXT NOT NULL,"
                    + " seq INTEGER NOT NULL, payload TEXT NOT NULL)");
        }
        out.println("schema: table events created");
    }

    /** Opens one connection per unit of work, as code without a pool does. */
    private void openManyConnections(int opensPerPath) throws SQLException {
        int total = 0;
        int sqliteConnections = 0;
        for (EntryPoint path : entryPoints()) {
            CRC32 checksum = new CRC32();
            int rows = 0;
            for (int seq = 0; seq < opensPerPath; seq++) {
                try (Connection c = path.opener().open()) {
                    if (c instanceof SQLiteConnection) {
                        sqliteConnections++;
                    }
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO events (path, seq, payload) VALUES (?, ?, ?)")) {
                        insert.setString(1, path.name());
                        insert.setInt(2, seq);
                        insert.setString(3, path.name() + "#" + seq);
                        insert.executeUpdate();
                    }
                    try (PreparedStatement select = c.prepareStatement(
                            "SELECT count(*), sum(seq), sum(id) FROM events WHERE path = ?")) {
                        select.setString(1, path.name());
                        try (ResultSet rs = select.executeQuery()) {
                            rs.next();
                            rows = rs.getInt(1);
                            checksum.update((rows + ":" + rs.getLong(2) + ":" + rs.getLong(3) + ";")
                                    .getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
                total++;
            }
            check(rows == opensPerPath, path.name() + " saw " + rows + " rows, expected " + opensPerPath);
            out.printf("%s: %d opens, %d rows, checksum %08x%n", path.name(), opensPerPath, rows, checksum.getValue());
        }
        out.println("connections opened: " + total);
        out.println("connections that are SQLiteConnection: " + sqliteConnections + " of " + total);
    }

    /** Casts to {@link SQLiteConnection} and registers a user function, as many older programs do. */
    private void checksumWithUserFunction() throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            SQLiteConnection sqlite = (SQLiteConnection) c;
            Function.create(sqlite, "legacy_hash", new Fnv1aHash(), 1, Function.FLAG_DETERMINISTIC);
            try (Statement s = sqlite.createStatement();
                    ResultSet rs = s.executeQuery("SELECT path, count(*), sum(legacy_hash(payload)) FROM events"
                            + " GROUP BY path ORDER BY path")) {
                while (rs.next()) {
                    out.printf("legacy_hash over %s: %d rows, sum %d%n", rs.getString(1), rs.getInt(2), rs.getLong(3));
                }
            }
        }
    }

    /** {@code :memory:} gives every connection a new, empty database. */
    private void checkMemoryDatabasesAreFresh() throws SQLException {
        int fresh = 0;
        for (int i = 0; i < MEMORY_CONNECTS; i++) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                    Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        fresh++;
                    }
                }
                s.executeUpdate("CREATE TABLE leftover (x)");
            }
        }
        check(fresh == MEMORY_CONNECTS, "only " + fresh + " in-memory databases were empty");
        out.println("in-memory databases empty on connect: " + fresh + " of " + MEMORY_CONNECTS);
    }

    /** One thread holding two connections: the second writer must fail fast, not wait forever. */
    private void checkSecondWriterSeesLock() throws SQLException {
        SQLiteConfig shortWait = new SQLiteConfig();
        shortWait.setBusyTimeout(100);
        try (Connection first = DriverManager.getConnection(url);
                Connection second = shortWait.createConnection(url)) {
            first.setAutoCommit(false);
            try (Statement s = first.createStatement()) {
                s.executeUpdate("INSERT INTO events (path, seq, payload) VALUES ('lock', 0, 'held')");
            }
            String outcome;
            try (Statement s = second.createStatement()) {
                s.executeUpdate("INSERT INTO events (path, seq, payload) VALUES ('lock', 1, 'blocked')");
                outcome = "second insert succeeded";
            } catch (SQLException e) {
                outcome = describeLockError(e);
            }
            first.rollback();
            check(outcome.startsWith("SQLITE_BUSY"), "second writer: " + outcome);
            out.println("second writer while the first holds the lock: " + outcome);
        }
    }

    /** What code written for sqlite-jdbc sees: a {@link SQLiteException} whose result code is SQLITE_BUSY. */
    private static String describeLockError(SQLException e) {
        if (e instanceof SQLiteException) {
            SQLiteErrorCode code = ((SQLiteException) e).getResultCode();
            return code.code == SQLiteErrorCode.SQLITE_BUSY.code ? "SQLITE_BUSY (database is locked)" : "unexpected " + code;
        }
        return "unexpected " + e.getClass().getName() + " with error code " + e.getErrorCode()
                + " instead of org.sqlite.SQLiteException";
    }

    private void check(boolean condition, String failure) {
        if (!condition) {
            failures++;
            out.println("CHECK FAILED: " + failure);
        }
    }

    /** 32-bit FNV-1a of the argument's UTF-8 bytes: a deterministic user function. */
    private static final class Fnv1aHash extends Function {
        @Override
        protected void xFunc() throws SQLException {
            byte[] bytes = value_text(0).getBytes(StandardCharsets.UTF_8);
            int hash = 0x811c9dc5;
            for (byte b : bytes) {
                hash ^= b & 0xff;
                hash *= 0x01000193;
            }
            result(Integer.toUnsignedLong(hash));
        }
    }
}
