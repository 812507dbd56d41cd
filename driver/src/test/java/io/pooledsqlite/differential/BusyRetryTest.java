package io.pooledsqlite.differential;

import static io.pooledsqlite.differential.Borrowers.TABLE;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, seen 2: when another process holds a lock, a retry must never run again what SQLite already
 * ran: the first statement of a multi-statement string, or the first entries of a batch. The other
 * process holds its lock for the whole call, so plain sqlite-jdbc fails after {@code busy_timeout}.
 */
class BusyRetryTest {
    @TempDir
    Path dir;

    private Differential scenario(String name) {
        return Differential.scenario(dir, name).setup(TABLE).setting("busy_timeout", "200");
    }

    /** Creates the attached database the scenarios write to first. */
    private static Path auxDatabase(Run run) throws Exception {
        Path aux = run.file("aux.db");
        try (Statement s = run.plainTo(aux).createStatement()) {
            s.executeUpdate("CREATE TABLE log(x)");
        }
        return aux;
    }

    private static void hold(Connection other) throws Exception {
        try (Statement s = other.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
    }

    private static void release(Connection other) throws Exception {
        try (Statement s = other.createStatement()) {
            s.execute("ROLLBACK");
        }
    }

    @Test
    void multiStatementStringIsNotRepeatedWhenItsSecondStatementIsBusy() throws Exception {
        scenario("multiStatementAuxThenLockedMain").check((run, seen) -> {
            Path aux = auxDatabase(run);
            Connection other = run.plain();
            hold(other);
            try (Connection c = run.borrow()) {
                seen.update(c, "ATTACH '" + aux + "' AS aux");
                seen.update(c, "INSERT INTO aux.log VALUES('once'); INSERT INTO main.t(v) VALUES('x')");
                seen.query(c, "SELECT count(*) FROM aux.log");
                seen.update(c, "DETACH aux");
            }
            release(other);
        });
    }

    @Test
    void multiStatementStringIsNotRepeatedWhenTheAttachedDatabaseIsBusy() throws Exception {
        scenario("multiStatementMainThenLockedAux").check((run, seen) -> {
            Path aux = auxDatabase(run);
            Connection other = run.plainTo(aux);
            hold(other);
            try (Connection c = run.borrow()) {
                seen.update(c, "ATTACH '" + aux + "' AS aux");
                seen.update(c, "INSERT INTO main.t(v) VALUES('once'); INSERT INTO aux.log VALUES('x')");
                seen.query(c, "SELECT count(*) FROM main.t");
                seen.update(c, "DETACH aux");
            }
            release(other);
        });
    }

    @Test
    void batchIsNotRepeatedWhenALaterEntryIsBusy() throws Exception {
        scenario("batchAuxThenLockedMain").check((run, seen) -> {
            Path aux = auxDatabase(run);
            Connection other = run.plain();
            hold(other);
            try (Connection c = run.borrow(); Statement s = c.createStatement()) {
                seen.update(c, "ATTACH '" + aux + "' AS aux");
                s.addBatch("INSERT INTO aux.log VALUES('once')");
                s.addBatch("INSERT INTO main.t(v) VALUES('x')");
                seen.call("executeBatch", s::executeBatch);
                seen.query(c, "SELECT count(*) FROM aux.log");
                seen.update(c, "DETACH aux");
            }
            release(other);
        });
    }

    @Test
    void busyStatementFailsOnceTheTimeoutIsOver() throws Exception {
        scenario("singleBusyStatement").check((run, seen) -> {
            Connection other = run.plain();
            hold(other);
            try (Connection c = run.borrow()) {
                seen.update(c, "INSERT INTO t(v) VALUES('x')");
            }
            release(other);
            try (Connection c = run.borrow()) {
                seen.update(c, "INSERT INTO t(v) VALUES('after release')");
            }
        });
    }
}
