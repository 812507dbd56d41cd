package io.pooledsqlite.differential;

import static io.pooledsqlite.differential.Borrowers.TABLE;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.jdbc4.JDBC4PreparedStatement;
import org.sqlite.jdbc4.JDBC4Statement;

/**
 * Issue 13, seen 4: a physical object a borrower got through {@code unwrap} is dead once its logical
 * connection is closed, as it is with plain sqlite-jdbc; it cannot touch the next borrower.
 */
class StaleHandleTest {
    private static final String INSERT = "INSERT INTO t(v) VALUES(?)";

    @TempDir
    Path dir;

    private Differential scenario(String name) {
        return Differential.scenario(dir, name).setup(TABLE);
    }

    @Test
    void stalePreparedStatementCannotOverwriteTheNextBorrowersParameter() throws Exception {
        scenario("stalePreparedStatement").check((run, seen) -> {
            JDBC4PreparedStatement stale;
            try (Connection c = run.borrow(); PreparedStatement p = c.prepareStatement(INSERT)) {
                stale = p.unwrap(JDBC4PreparedStatement.class);
                p.setString(1, "first");
                seen.call("first insert", p::executeUpdate);
            }
            try (Connection c = run.borrow(); PreparedStatement p = c.prepareStatement(INSERT)) {
                p.setString(1, "mine");
                seen.run("stale setString", () -> stale.setString(1, "stale"));
                seen.call("next insert", p::executeUpdate);
                seen.run("stale executeUpdate", stale::executeUpdate);
            }
        });
    }

    @Test
    void staleStatementCannotWrite() throws Exception {
        scenario("staleStatement").check((run, seen) -> {
            JDBC4Statement stale;
            try (Connection c = run.borrow(); Statement s = c.createStatement()) {
                stale = s.unwrap(JDBC4Statement.class);
                seen.call("first insert", () -> s.executeUpdate("INSERT INTO t(v) VALUES('first')"));
            }
            try (Connection c = run.borrow()) {
                seen.update(c, "INSERT INTO t(v) VALUES('next')");
                seen.call("stale executeUpdate", () -> stale.executeUpdate("DELETE FROM t"));
            }
        });
    }

    @Test
    void staleConnectionCannotRollBackTheNextBorrowersTransaction() throws Exception {
        scenario("staleConnectionRollsBack").check((run, seen) -> {
            SQLiteConnection stale;
            try (Connection c = run.borrow()) {
                stale = c.unwrap(SQLiteConnection.class);
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
            }
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                seen.update(c, "INSERT INTO t(v) VALUES('mine')");
                seen.run("stale ROLLBACK", () -> {
                    try (Statement s = stale.createStatement()) {
                        s.execute("ROLLBACK");
                    }
                });
                seen.run("commit", c::commit);
            }
        });
    }

    @Test
    void staleConnectionCannotWriteAfterClose() throws Exception {
        scenario("staleConnectionWrites").check((run, seen) -> {
            SQLiteConnection stale;
            try (Connection c = run.borrow()) {
                stale = c.unwrap(SQLiteConnection.class);
            }
            seen.run("stale insert", () -> {
                try (Statement s = stale.createStatement()) {
                    s.executeUpdate("INSERT INTO t(v) VALUES('stale')");
                }
            });
            seen.call("stale isClosed", stale::isClosed);
            try (Connection c = run.borrow()) {
                seen.query(c, "SELECT v FROM t");
            }
        });
    }

    @Test
    void staleConnectionClosedAgainDoesNotBreakTheNextBorrower() throws Exception {
        scenario("staleConnectionClose").check((run, seen) -> {
            SQLiteConnection stale;
            try (Connection c = run.borrow()) {
                stale = c.unwrap(SQLiteConnection.class);
            }
            seen.run("stale close", stale::close);
            try (Connection c = run.borrow()) {
                seen.update(c, "INSERT INTO t(v) VALUES('next')");
            }
        });
    }

    @Test
    void staleConnectionCannotChangeTheNextBorrowersSettings() throws Exception {
        scenario("staleConnectionSettings").check((run, seen) -> {
            SQLiteConnection stale;
            try (Connection c = run.borrow()) {
                stale = c.unwrap(SQLiteConnection.class);
            }
            try (Connection c = run.borrow()) {
                seen.run("stale setBusyTimeout(1)", () -> stale.setBusyTimeout(1));
                seen.query(c, "PRAGMA busy_timeout");
            }
        });
    }
}
