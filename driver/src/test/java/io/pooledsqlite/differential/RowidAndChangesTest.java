package io.pooledsqlite.differential;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, seen 3: {@code last_insert_rowid()}, {@code changes()} and what is derived from them
 * (generated keys, batch counts) are the next borrower's own, not left over from the one before.
 */
class RowidAndChangesTest {
    private static final String UNIQUE_TABLE = "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT UNIQUE)";

    @TempDir
    Path dir;

    private Differential scenario(String name) {
        return Differential.scenario(dir, name).setup(UNIQUE_TABLE);
    }

    /** The first borrower inserts three rows and updates them, so rowid and change counts are not zero. */
    private static void firstBorrowerWrites(Run run, Observation seen) throws Exception {
        try (Connection c = run.borrow()) {
            seen.update(c, "INSERT INTO t(v) VALUES('a'), ('b'), ('c')");
            seen.update(c, "UPDATE t SET v = v || v");
        }
    }

    @Test
    void lastInsertRowidStartsAtZero() throws Exception {
        scenario("lastInsertRowid").check((run, seen) -> {
            firstBorrowerWrites(run, seen);
            try (Connection c = run.borrow()) {
                seen.query(c, "SELECT last_insert_rowid()");
            }
        });
    }

    @Test
    void changesStartAtZero() throws Exception {
        scenario("changes").check((run, seen) -> {
            firstBorrowerWrites(run, seen);
            try (Connection c = run.borrow()) {
                seen.query(c, "SELECT changes()");
                // total_changes() counts since the physical connection opened: a documented difference
                // (docs/differences.md), so it is not compared here
            }
        });
    }

    @Test
    void insertOrIgnoreThatInsertsNothingHasNoGeneratedKey() throws Exception {
        scenario("insertOrIgnoreGeneratedKeysPrepared").check((run, seen) -> {
            firstBorrowerWrites(run, seen);
            try (Connection c = run.borrow();
                 PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO t(v) VALUES(?)",
                         Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, "aa");
                seen.call("insert or ignore existing", p::executeUpdate);
                seen.call("generated keys", () -> {
                    try (ResultSet rs = p.getGeneratedKeys()) {
                        return Observation.rows(rs);
                    }
                });
            }
        });
    }

    @Test
    void insertOrIgnoreThroughStatementHasNoGeneratedKey() throws Exception {
        scenario("insertOrIgnoreGeneratedKeysStatement").check((run, seen) -> {
            firstBorrowerWrites(run, seen);
            try (Connection c = run.borrow(); Statement s = c.createStatement()) {
                seen.call("insert or ignore existing",
                        () -> s.executeUpdate("INSERT OR IGNORE INTO t(v) VALUES('bb')",
                                Statement.RETURN_GENERATED_KEYS));
                seen.call("generated keys", () -> {
                    try (ResultSet rs = s.getGeneratedKeys()) {
                        return Observation.rows(rs);
                    }
                });
            }
        });
    }

    @Test
    void generatedKeyOfARealInsert() throws Exception {
        scenario("generatedKeyOfInsert").check((run, seen) -> {
            firstBorrowerWrites(run, seen);
            try (Connection c = run.borrow();
                 PreparedStatement p = c.prepareStatement("INSERT INTO t(v) VALUES(?)",
                         Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, "new");
                seen.call("insert", p::executeUpdate);
                seen.call("generated keys", () -> {
                    try (ResultSet rs = p.getGeneratedKeys()) {
                        return Observation.rows(rs);
                    }
                });
            }
        });
    }

    @Test
    void batchCountsAreTheBorrowersOwn() throws Exception {
        scenario("batchCounts").check((run, seen) -> {
            firstBorrowerWrites(run, seen);
            try (Connection c = run.borrow(); Statement s = c.createStatement()) {
                s.addBatch("CREATE TABLE u(x)");
                s.addBatch("INSERT OR IGNORE INTO t(v) VALUES('aa')");
                s.addBatch("UPDATE t SET v = v WHERE id < 0");
                s.addBatch("INSERT INTO t(v) VALUES('new')");
                seen.call("executeBatch", s::executeBatch);
            }
            try (Connection c = run.borrow();
                 PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO t(v) VALUES(?)")) {
                for (String v : new String[] {"aa", "z", "bb"}) {
                    p.setString(1, v);
                    p.addBatch();
                }
                seen.call("prepared executeBatch", p::executeBatch);
            }
        });
    }

    @Test
    void updateCountOfStatementsThatChangeNothing() throws Exception {
        scenario("updateCountOfNoChange").check((run, seen) -> {
            firstBorrowerWrites(run, seen);
            try (Connection c = run.borrow()) {
                seen.update(c, "CREATE TABLE u(x)");
                seen.update(c, "INSERT OR IGNORE INTO t(v) VALUES('aa')");
                seen.call("execute then getUpdateCount", () -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("DELETE FROM t WHERE id < 0");
                        return s.getUpdateCount();
                    }
                });
            }
        });
    }
}
