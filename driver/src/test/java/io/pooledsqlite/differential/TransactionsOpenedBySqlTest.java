package io.pooledsqlite.differential;

import static io.pooledsqlite.differential.Borrowers.TABLE;
import static io.pooledsqlite.differential.Borrowers.nextBorrowerWrites;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, seen 1: transactions SQL opens (not {@code setAutoCommit(false)}) end with the borrower, and
 * the next borrower's auto-commit writes are durable.
 */
class TransactionsOpenedBySqlTest {
    @TempDir
    Path dir;

    private Differential scenario(String name) {
        return Differential.scenario(dir, name).setup(TABLE);
    }

    @Test
    void savepointInAutoCommitEndsWithTheBorrower() throws Exception {
        scenario("savepointInAutoCommit").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.execute(c, "SAVEPOINT a");
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void executeUpdateOfBeginAndInsertEndsWithTheBorrower() throws Exception {
        scenario("executeUpdateBeginInsert").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.update(c, "BEGIN; INSERT INTO t(v) VALUES('first')");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void batchStartingWithBeginEndsWithTheBorrower() throws Exception {
        scenario("batchStartingWithBegin").check((run, seen) -> {
            try (Connection c = run.borrow(); Statement s = c.createStatement()) {
                s.addBatch("BEGIN");
                s.addBatch("INSERT INTO t(v) VALUES('first')");
                seen.call("executeBatch", s::executeBatch);
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void scriptFailingHalfWayEndsWithTheBorrower() throws Exception {
        scenario("scriptFailingHalfWay").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.update(c, "BEGIN; INSERT INTO t(v) VALUES('first'); INSERT INTO missing VALUES(1); COMMIT");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void loneBeginEndsWithTheBorrower() throws Exception {
        scenario("loneBegin").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.execute(c, "BEGIN");
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void executeOfBeginAndInsertRunsOnlyTheBegin() throws Exception {
        scenario("executeBeginInsert").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.execute(c, "BEGIN; INSERT INTO t(v) VALUES('first')");
                seen.query(c, "SELECT count(*) FROM t");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void preparedBeginImmediateEndsWithTheBorrower() throws Exception {
        scenario("preparedBeginImmediate").check((run, seen) -> {
            try (Connection c = run.borrow(); PreparedStatement p = c.prepareStatement("BEGIN IMMEDIATE")) {
                seen.call("BEGIN IMMEDIATE", p::execute);
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void beginExclusiveEndsWithTheBorrower() throws Exception {
        scenario("beginExclusive").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.execute(c, "BEGIN EXCLUSIVE TRANSACTION");
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void releasedSavepointCommits() throws Exception {
        scenario("releasedSavepoint").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.execute(c, "SAVEPOINT a");
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
                seen.execute(c, "SAVEPOINT b");
                seen.update(c, "INSERT INTO t(v) VALUES('undone')");
                seen.execute(c, "ROLLBACK TO b");
                seen.execute(c, "RELEASE a");
                seen.query(run.plain(), "SELECT v FROM t ORDER BY id");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void sqlBeginAndCommitInOneBorrower() throws Exception {
        scenario("sqlBeginCommit").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.execute(c, "BEGIN");
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
                seen.execute(c, "COMMIT");
                seen.query(run.plain(), "SELECT v FROM t ORDER BY id");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void uncommittedManualTransactionEndsWithTheBorrower() throws Exception {
        scenario("uncommittedManualTransaction").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void sqlCommitInsideManualTransaction() throws Exception {
        scenario("sqlCommitInManualTransaction").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
                seen.execute(c, "COMMIT");
                seen.update(c, "INSERT INTO t(v) VALUES('after sql commit')");
                seen.query(run.plain(), "SELECT v FROM t ORDER BY id");
                seen.run("commit()", c::commit);
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void sqlRollbackInsideManualTransaction() throws Exception {
        scenario("sqlRollbackInManualTransaction").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
                seen.execute(c, "ROLLBACK");
                seen.update(c, "INSERT INTO t(v) VALUES('after sql rollback')");
                seen.run("rollback()", c::rollback);
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void sqlSavepointsInsideManualTransaction() throws Exception {
        scenario("sqlSavepointsInManualTransaction").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                seen.update(c, "INSERT INTO t(v) VALUES('first')");
                seen.execute(c, "SAVEPOINT s");
                seen.update(c, "INSERT INTO t(v) VALUES('undone')");
                seen.execute(c, "ROLLBACK TO s");
                seen.execute(c, "RELEASE s");
                seen.run("commit()", c::commit);
            }
            nextBorrowerWrites(run, seen);
        });
    }
}
