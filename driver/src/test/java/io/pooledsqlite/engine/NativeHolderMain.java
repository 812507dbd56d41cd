package io.pooledsqlite.engine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * Child JVM program: plain native sqlite-jdbc holding the database at {@code args[0]} in the state
 * {@code args[1]} names ({@code wal-idle}, {@code wal-exclusive}, {@code wal-in-transaction},
 * {@code delete-in-transaction}), with rows 1..10 committed in table {@code t}. Prints {@code READY}, then
 * for each line {@code commit} on standard input commits the next row and prints {@code ACK <id>}.
 */
public final class NativeHolderMain {
    private NativeHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        String db = args[0];
        String state = args[1];
        try (Connection c = new JDBC4Connection("jdbc:sqlite:" + db, db, new Properties());
             Statement s = c.createStatement()) {
            if (state.equals("wal-exclusive")) {
                s.execute("PRAGMA locking_mode = EXCLUSIVE");
            }
            s.execute("PRAGMA journal_mode = " + (state.startsWith("wal") ? "WAL" : "DELETE"));
            s.execute("PRAGMA wal_autocheckpoint = 0");
            s.execute("PRAGMA cache_size = 5");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, pad BLOB)");
            for (int id = 1; id <= 10; id++) {
                s.executeUpdate("INSERT INTO t VALUES (" + id + ", randomblob(3000))");
            }
            int next = 11;
            if (state.endsWith("in-transaction")) {
                // uncommitted rows, more than the page cache holds: they spill into the database file
                s.execute("BEGIN");
                s.executeUpdate("INSERT INTO t SELECT id + 1000, randomblob(3000) FROM t");
                s.executeUpdate("UPDATE t SET pad = randomblob(3000) WHERE id <= 10");
            }
            System.out.println("READY");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("commit")) {
                    s.executeUpdate("INSERT INTO t VALUES (" + next + ", randomblob(3000))");
                    System.out.println("ACK " + next++);
                }
            }
        }
    }
}
