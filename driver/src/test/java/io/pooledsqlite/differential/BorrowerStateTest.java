package io.pooledsqlite.differential;

import static io.pooledsqlite.differential.Borrowers.TABLE;
import static io.pooledsqlite.differential.Borrowers.nextBorrowerWrites;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Savepoint;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a borrower changes through the JDBC API (open statements and result sets, bound parameters,
 * read-only, isolation, savepoints) does not reach the next borrower, and works as in sqlite-jdbc.
 */
class BorrowerStateTest {
    private static final String INSERT = "INSERT INTO t(v) VALUES(?)";

    @TempDir
    Path dir;

    private Differential scenario(String name) {
        return Differential.scenario(dir, name).setup(TABLE, "INSERT INTO t(v) VALUES('a'), ('b'), ('c')");
    }

    @Test
    void statementAndResultSetLeftOpen() throws Exception {
        scenario("leftOpenResultSet").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t ORDER BY id");
                seen.call("first row", () -> rs.next() ? rs.getString(1) : null);
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void resultSetLeftOpenInAManualTransaction() throws Exception {
        scenario("leftOpenResultSetManualTransaction").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t ORDER BY id");
                seen.call("first row", () -> rs.next() ? rs.getString(1) : null);
                seen.update(c, "INSERT INTO t(v) VALUES('uncommitted')");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void parametersBoundButNeverRunDoNotReachTheNextBorrower() throws Exception {
        scenario("boundParametersLeftOver").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                PreparedStatement p = c.prepareStatement(INSERT);
                p.setString(1, "bound by the first borrower");
            }
            try (Connection c = run.borrow(); PreparedStatement p = c.prepareStatement(INSERT)) {
                seen.call("insert without binding", p::executeUpdate);
            }
        });
    }

    @Test
    void parametersOfAClosedStatementDoNotReachTheNextBorrower() throws Exception {
        scenario("boundParametersOfClosedStatement").check((run, seen) -> {
            try (Connection c = run.borrow(); PreparedStatement p = c.prepareStatement(INSERT)) {
                p.setString(1, "first");
                seen.call("first insert", p::executeUpdate);
                p.setString(1, "bound again, not run");
            }
            try (Connection c = run.borrow(); PreparedStatement p = c.prepareStatement(INSERT)) {
                seen.call("insert without binding", p::executeUpdate);
            }
        });
    }

    @Test
    void statementSettingsDoNotReachTheNextBorrowersStatement() throws Exception {
        scenario("statementSettingsLeftOver").check((run, seen) -> {
            String select = "SELECT v FROM t ORDER BY id";
            try (Connection c = run.borrow(); PreparedStatement p = c.prepareStatement(select)) {
                seen.run("setMaxRows(1)", () -> p.setMaxRows(1));
                seen.run("setQueryTimeout(7)", () -> p.setQueryTimeout(7));
                seen.run("setFetchSize(2)", () -> p.setFetchSize(2));
            }
            try (Connection c = run.borrow(); PreparedStatement p = c.prepareStatement(select)) {
                seen.call("max rows", p::getMaxRows);
                seen.call("query timeout", p::getQueryTimeout);
                seen.call("rows", () -> {
                    try (ResultSet rs = p.executeQuery()) {
                        return Observation.rows(rs);
                    }
                });
            }
        });
    }

    /**
     * Both sides are told to allow {@code setReadOnly} after opening. Whether a read-only auto-commit
     * connection refuses writes is not compared: the pool enforces it with {@code query_only} (README),
     * sqlite-jdbc does not.
     */
    @Test
    void readOnlyEndsWithTheBorrower() throws Exception {
        scenario("setReadOnly").setting("jdbc.explicit_readonly", "true").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.run("setReadOnly(true)", () -> c.setReadOnly(true));
                seen.call("isReadOnly", c::isReadOnly);
                seen.query(c, "SELECT count(*) FROM t");
            }
            try (Connection c = run.borrow()) {
                seen.call("isReadOnly", c::isReadOnly);
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void readUncommittedIsolationEndsWithTheBorrower() throws Exception {
        scenario("readUncommittedIsolation").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.call("default isolation", c::getTransactionIsolation);
                seen.run("set READ_UNCOMMITTED",
                        () -> c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED));
                seen.query(c, "PRAGMA read_uncommitted");
            }
            try (Connection c = run.borrow()) {
                seen.call("isolation", c::getTransactionIsolation);
                seen.query(c, "PRAGMA read_uncommitted");
            }
        });
    }

    @Test
    void readUncommittedPragmaAndTheIsolationReported() throws Exception {
        scenario("readUncommittedBySql").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.execute(c, "PRAGMA read_uncommitted = 1");
                seen.call("isolation", c::getTransactionIsolation);
            }
            try (Connection c = run.borrow()) {
                seen.call("isolation", c::getTransactionIsolation);
            }
        });
    }

    @Test
    void namedSavepointRollbackAndRelease() throws Exception {
        scenario("savepointApi").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                seen.update(c, "INSERT INTO t(v) VALUES('1')");
                Savepoint a = seen.call("setSavepoint(a)", () -> c.setSavepoint("a"));
                seen.update(c, "INSERT INTO t(v) VALUES('2')");
                Savepoint b = seen.call("setSavepoint(b)", () -> c.setSavepoint("b"));
                seen.update(c, "INSERT INTO t(v) VALUES('3')");
                seen.run("rollback(b)", () -> c.rollback(b));
                seen.run("releaseSavepoint(a)", () -> c.releaseSavepoint(a));
                seen.update(c, "INSERT INTO t(v) VALUES('4')");
                seen.run("commit", c::commit);
                seen.call("getSavepointName", a::getSavepointName);
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void unnamedSavepoints() throws Exception {
        scenario("unnamedSavepoints").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                Savepoint first = seen.call("setSavepoint()", () -> c.setSavepoint());
                seen.update(c, "INSERT INTO t(v) VALUES('1')");
                seen.call("setSavepoint()", () -> c.setSavepoint());
                seen.update(c, "INSERT INTO t(v) VALUES('2')");
                seen.run("rollback(first)", () -> c.rollback(first));
                seen.update(c, "INSERT INTO t(v) VALUES('3')");
                seen.run("commit", c::commit);
                seen.call("getSavepointId", first::getSavepointId);
            }
        });
    }

    @Test
    void savepointGoneAfterCommit() throws Exception {
        scenario("savepointAfterCommit").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                Savepoint a = seen.call("setSavepoint(a)", () -> c.setSavepoint("a"));
                seen.update(c, "INSERT INTO t(v) VALUES('1')");
                seen.run("commit", c::commit);
                seen.run("rollback(a) after commit", () -> c.rollback(a));
                seen.run("releaseSavepoint(a) after commit", () -> c.releaseSavepoint(a));
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void savepointInAutoCommitMode() throws Exception {
        scenario("savepointApiInAutoCommit").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                Savepoint a = seen.call("setSavepoint(a) in auto-commit", () -> c.setSavepoint("a"));
                seen.call("getAutoCommit", c::getAutoCommit);
                seen.update(c, "INSERT INTO t(v) VALUES('1')");
                if (a != null) {
                    seen.run("rollback(a)", () -> c.rollback(a));
                }
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void savepointLeftOpenWhenTheConnectionCloses() throws Exception {
        scenario("savepointApiLeftOpen").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                seen.call("setSavepoint(a)", () -> c.setSavepoint("a"));
                seen.update(c, "INSERT INTO t(v) VALUES('1')");
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void autoCommitLeftOffIsOnForTheNextBorrower() throws Exception {
        scenario("autoCommitLeftOff").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
            }
            nextBorrowerWrites(run, seen);
        });
    }

    @Test
    void setAutoCommitTrueCommits() throws Exception {
        scenario("setAutoCommitTrueCommits").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                c.setAutoCommit(false);
                seen.update(c, "INSERT INTO t(v) VALUES('1')");
                seen.run("setAutoCommit(true)", () -> c.setAutoCommit(true));
                seen.query(run.plain(), "SELECT count(*) FROM t");
            }
        });
    }

    @Test
    void holdabilityAndCatalogOfTheNextBorrower() throws Exception {
        scenario("holdability").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.call("holdability", c::getHoldability);
                seen.run("setHoldability(HOLD)", () -> c.setHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT));
            }
            try (Connection c = run.borrow()) {
                seen.call("holdability", c::getHoldability);
                seen.call("readOnly", c::isReadOnly);
                seen.call("autoCommit", c::getAutoCommit);
                seen.call("isolation", c::getTransactionIsolation);
                seen.call("warnings", c::getWarnings);
            }
        });
    }

    @Test
    void closedConnectionRefusesWork() throws Exception {
        scenario("closedConnection").check((run, seen) -> {
            Connection c = run.borrow();
            Statement s = c.createStatement();
            c.close();
            seen.call("isClosed", c::isClosed);
            seen.run("createStatement", c::createStatement);
            seen.run("statement executeUpdate", () -> s.executeUpdate("INSERT INTO t(v) VALUES('x')"));
            seen.run("close again", c::close);
            nextBorrowerWrites(run, seen);
        });
    }

    /** Issue 14: the statement cache must not change what a statement reports before it runs. */
    @Test
    void aReusedStatementReportsItsMetadataBeforeItRuns() throws Exception {
        scenario("metadataOfAReusedStatement").check((run, seen) -> {
            for (int borrower = 0; borrower < 2; borrower++) {
                try (Connection c = run.borrow();
                     java.sql.PreparedStatement p = c.prepareStatement("SELECT id, v FROM t WHERE id > ?")) {
                    seen.call("getMetaData columns", () -> p.getMetaData().getColumnCount());
                    seen.call("getMetaData name", () -> p.getMetaData().getColumnName(2));
                    seen.call("parameters", () -> p.getParameterMetaData().getParameterCount());
                    p.setInt(1, 0);
                    seen.call("rows", () -> Observation.rows(p.executeQuery()));
                    seen.call("after run", () -> p.getMetaData().getColumnCount());
                }
            }
        });
    }
}
