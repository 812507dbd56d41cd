package io.pooledsqlite.differential;

import static io.pooledsqlite.differential.Borrowers.TABLE;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, seen 6: {@code INSERT … RETURNING} read through {@code executeQuery}. SQLite keeps the write
 * lock until the result set is done; {@code commit()} with it open is an error that keeps the
 * transaction, never a silent rollback.
 */
class ReturningTest {
    private static final String RETURNING = "INSERT INTO t(v) VALUES('a'), ('b'), ('c') RETURNING v";

    @TempDir
    Path dir;

    private Differential scenario(String name) {
        return Differential.scenario(dir, name).setup(TABLE);
    }

    @Test
    void commitWithReturningResultSetOpenKeepsTheTransaction() throws Exception {
        scenario("returningCommitWhileOpen").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(RETURNING);
                seen.call("first row", () -> rs.next() ? rs.getString(1) : null);
                seen.run("commit with the result set open", c::commit);
                seen.run("commit again", c::commit);
                seen.query(run.plain(), "SELECT count(*) FROM t");
                seen.call("rest", () -> Observation.rows(rs));
                rs.close();
                s.close();
                seen.run("commit after close", c::commit);
                seen.query(run.plain(), "SELECT count(*) FROM t");
            }
        });
    }

    @Test
    void returningInAutoCommitPartlyRead() throws Exception {
        scenario("returningAutoCommitPartlyRead").check((run, seen) -> {
            try (Connection c = run.borrow(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery(RETURNING)) {
                    seen.call("first row", () -> rs.next() ? rs.getString(1) : null);
                }
                seen.query(run.plain(), "SELECT count(*) FROM t");
            }
            Borrowers.nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void returningLeftOpenWhenTheConnectionCloses() throws Exception {
        scenario("returningLeftOpen").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                ResultSet rs = c.createStatement().executeQuery(RETURNING);
                seen.call("first row", () -> rs.next() ? rs.getString(1) : null);
            }
            Borrowers.nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void returningLeftOpenInAManualTransaction() throws Exception {
        scenario("returningLeftOpenManualTransaction").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                ResultSet rs = c.createStatement().executeQuery(RETURNING);
                seen.call("first row", () -> rs.next() ? rs.getString(1) : null);
            }
            Borrowers.nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void preparedReturningRunTwice() throws Exception {
        scenario("preparedReturningTwice").check((run, seen) -> {
            for (String v : new String[] {"x", "y"}) {
                try (Connection c = run.borrow();
                     PreparedStatement p = c.prepareStatement("INSERT INTO t(v) VALUES(?) RETURNING id, v")) {
                    p.setString(1, v);
                    seen.call("returning " + v, () -> {
                        try (ResultSet rs = p.executeQuery()) {
                            return Observation.rows(rs);
                        }
                    });
                }
            }
        });
    }
}
