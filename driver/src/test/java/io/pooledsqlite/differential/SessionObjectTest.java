package io.pooledsqlite.differential;

import static io.pooledsqlite.differential.Borrowers.TABLE;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.BusyHandler;
import org.sqlite.Collation;
import org.sqlite.Function;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * Issue 13, seen 3: what a borrower creates on its connection (TEMP objects, attached databases, functions,
 * collations, handlers and listeners registered through {@code unwrap}) is gone for the next borrower,
 * and keeps working for the borrower that made it.
 */
class SessionObjectTest {
    @TempDir
    Path dir;

    private Differential scenario(String name) {
        return Differential.scenario(dir, name).setup(TABLE);
    }

    @Test
    void tempTableDoesNotShadowTheNextBorrowersTable() throws Exception {
        scenario("tempTableShadowsMain").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.update(c, "CREATE TEMP TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
                seen.update(c, "INSERT INTO t(v) VALUES('temp')");
            }
            try (Connection c = run.borrow()) {
                seen.update(c, "INSERT INTO t(v) VALUES('next')");
                seen.query(c, "SELECT v FROM t ORDER BY id");
            }
        });
    }

    @Test
    void tempTriggerDoesNotRewriteTheNextBorrowersRows() throws Exception {
        scenario("tempTrigger").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.update(c, "CREATE TEMP TRIGGER shout AFTER INSERT ON main.t"
                        + " BEGIN UPDATE t SET v = upper(NEW.v) || '!' WHERE id = NEW.id; END");
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
            }
            try (Connection c = run.borrow()) {
                seen.update(c, "INSERT INTO t(v) VALUES('next')");
            }
        });
    }

    @Test
    void tempViewIsGoneForTheNextBorrower() throws Exception {
        scenario("tempView").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.update(c, "CREATE TEMP VIEW tv AS SELECT 42");
                seen.query(c, "SELECT * FROM tv");
            }
            try (Connection c = run.borrow()) {
                seen.query(c, "SELECT * FROM tv");
                seen.query(c, "SELECT count(*) FROM temp.sqlite_master");
            }
        });
    }

    @Test
    void attachedDatabaseIsGoneForTheNextBorrower() throws Exception {
        scenario("attachedDatabase").check((run, seen) -> {
            Path aux = run.file("aux.db");
            try (Connection c = run.borrow()) {
                seen.update(c, "ATTACH '" + aux + "' AS aux");
                seen.update(c, "CREATE TABLE aux.log(x)");
                seen.update(c, "INSERT INTO aux.log VALUES('mine')");
            }
            try (Connection c = run.borrow()) {
                seen.query(c, "SELECT name FROM pragma_database_list WHERE name NOT IN ('main', 'temp')");
                seen.update(c, "INSERT INTO aux.log VALUES('next')");
                seen.update(c, "ATTACH '" + aux + "' AS aux");
                seen.query(c, "SELECT x FROM aux.log");
                seen.update(c, "DETACH aux");
            }
        });
    }

    @Test
    void functionRegisteredThroughUnwrapWorksForItsBorrowerOnly() throws Exception {
        scenario("functionByUnwrap").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.run("Function.create", () -> Function.create(c.unwrap(SQLiteConnection.class), "twice",
                        new Function() {
                            @Override
                            protected void xFunc() throws SQLException {
                                result(2 * value_int(0));
                            }
                        }));
                seen.query(c, "SELECT twice(21)");
                seen.run("prepared twice(4)", () -> {
                    try (var p = c.prepareStatement("SELECT twice(?)")) {
                        p.setInt(1, 4);
                        try (var rs = p.executeQuery()) {
                            seen.note("twice(4) = " + Observation.rows(rs));
                        }
                    }
                });
            }
            try (Connection c = run.borrow()) {
                seen.query(c, "SELECT twice(1)");
            }
        });
    }

    @Test
    void collationRegisteredThroughUnwrapIsGoneForTheNextBorrower() throws Exception {
        scenario("collationByUnwrap").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.run("Collation.create", () -> Collation.create(c.unwrap(SQLiteConnection.class), "reverse",
                        new Collation() {
                            @Override
                            protected int xCompare(String a, String b) {
                                return b.compareTo(a);
                            }
                        }));
                seen.query(c, "SELECT 'a' < 'b' COLLATE reverse");
            }
            try (Connection c = run.borrow()) {
                seen.query(c, "SELECT 'a' < 'b' COLLATE reverse");
            }
        });
    }

    @Test
    void progressHandlerRegisteredThroughUnwrapDoesNotInterruptTheNextBorrower() throws Exception {
        scenario("progressHandlerByUnwrap").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.run("ProgressHandler.setHandler", () -> ProgressHandler.setHandler(
                        c.unwrap(SQLiteConnection.class), 1, new ProgressHandler() {
                            @Override
                            protected int progress() {
                                return 1;
                            }
                        }));
                seen.query(c, "SELECT count(*) FROM t");
            }
            try (Connection c = run.borrow()) {
                seen.query(c, "SELECT count(*) FROM t");
                seen.update(c, "INSERT INTO t(v) VALUES('next')");
            }
        });
    }

    @Test
    void busyHandlerRegisteredThroughUnwrapIsNotCalledForTheNextBorrower() throws Exception {
        scenario("busyHandlerByUnwrap").setting("busy_timeout", "200").check((run, seen) -> {
            AtomicInteger calls = new AtomicInteger();
            try (Connection c = run.borrow()) {
                seen.run("BusyHandler.setHandler", () -> BusyHandler.setHandler(c.unwrap(SQLiteConnection.class),
                        new BusyHandler() {
                            @Override
                            protected int callback(int n) {
                                calls.incrementAndGet();
                                return 0;
                            }
                        }));
            }
            Connection other = run.plain();
            try (Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try (Connection c = run.borrow()) {
                seen.update(c, "INSERT INTO t(v) VALUES('next')");
            }
            seen.note("first borrower's busy handler called for the next borrower: " + (calls.get() > 0));
            try (Statement s = other.createStatement()) {
                s.execute("ROLLBACK");
            }
        });
    }

    @Test
    void updateAndCommitListenersThroughUnwrapDoNotHearTheNextBorrower() throws Exception {
        scenario("listenersByUnwrap").check((run, seen) -> {
            AtomicInteger updates = new AtomicInteger();
            AtomicInteger commits = new AtomicInteger();
            try (Connection c = run.borrow()) {
                SQLiteConnection s = c.unwrap(SQLiteConnection.class);
                s.addUpdateListener((type, database, table, rowId) -> updates.incrementAndGet());
                s.addCommitListener(new org.sqlite.SQLiteCommitListener() {
                    @Override
                    public void onCommit() {
                        commits.incrementAndGet();
                    }

                    @Override
                    public void onRollback() {
                    }
                });
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
                seen.note("updates heard by the first borrower: " + updates.get());
            }
            int before = updates.get();
            try (Connection c = run.borrow()) {
                seen.update(c, "INSERT INTO t(v) VALUES('next')");
            }
            seen.note("updates of the next borrower heard: " + (updates.get() - before));
        });
    }

    @Test
    void limitSetThroughUnwrapIsGoneForTheNextBorrower() throws Exception {
        scenario("limitByUnwrap").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.run("setLimit(FUNCTION_ARG, 1)",
                        () -> c.unwrap(SQLiteConnection.class).setLimit(SQLiteLimits.SQLITE_LIMIT_FUNCTION_ARG, 1));
                seen.query(c, "SELECT printf('%d', 1)");
            }
            try (Connection c = run.borrow()) {
                seen.query(c, "SELECT printf('%d', 1)");
            }
        });
    }

    @Test
    void busyTimeoutSetThroughUnwrapIsGoneForTheNextBorrower() throws Exception {
        scenario("busyTimeoutByUnwrap").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.run("setBusyTimeout(1)", () -> c.unwrap(SQLiteConnection.class).setBusyTimeout(1));
                seen.query(c, "PRAGMA busy_timeout");
            }
            try (Connection c = run.borrow()) {
                seen.query(c, "PRAGMA busy_timeout");
            }
        });
    }

    @Test
    void autoCommitTurnedOffThroughUnwrapEndsWithTheBorrower() throws Exception {
        scenario("unwrappedSetAutoCommitFalse").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.run("unwrap(SQLiteConnection).setAutoCommit(false)",
                        () -> c.unwrap(SQLiteConnection.class).setAutoCommit(false));
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
            }
            Borrowers.nextBorrowerWrites(run, seen);
        });
    }

    /** Issue 13, seen 9: a reset step that throws must not lose the pool's connection. */
    @Test
    void rollbackListenerThatThrowsDoesNotLoseTheConnection() throws Exception {
        scenario("throwingRollbackListener").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.unwrap(SQLiteConnection.class).addCommitListener(new org.sqlite.SQLiteCommitListener() {
                    @Override
                    public void onCommit() {
                    }

                    @Override
                    public void onRollback() {
                        throw new IllegalStateException("listener failed");
                    }
                });
                c.setAutoCommit(false);
                seen.update(c, "INSERT INTO t(v) VALUES('uncommitted')");
                seen.run("close", c::close);
            }
            Borrowers.nextBorrowerWrites(run, seen);
        });
    }
}
