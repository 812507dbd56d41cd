package io.pooledsqlite.differential;

import java.sql.Connection;
import java.sql.Statement;

/** Steps many scenarios share: the table they use, and what the borrower after a careless one does. */
final class Borrowers {
    /** The table most scenarios write to. */
    static final String TABLE = "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)";

    private Borrowers() {
    }

    /**
     * The next borrower writes in auto-commit mode: its insert must be visible to another connection at
     * once (so it is not inside a leftover transaction) and another connection must be able to write after
     * it (so no lock is left behind). The final dump shows whether it survived the pool's close.
     */
    static void nextBorrowerWrites(Run run, Observation seen) throws Exception {
        try (Connection c = run.borrow()) {
            seen.call("next borrower getAutoCommit", c::getAutoCommit);
            seen.update(c, "INSERT INTO t(v) VALUES('next')");
            Connection other = run.plain();
            seen.query(other, "SELECT v FROM t ORDER BY id");
            try (Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout = 200");
            }
            seen.update(other, "INSERT INTO t(v) VALUES('other process')");
        }
    }
}
