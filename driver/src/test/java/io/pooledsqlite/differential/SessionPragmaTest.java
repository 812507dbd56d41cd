package io.pooledsqlite.differential;

import static io.pooledsqlite.differential.Borrowers.TABLE;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, seen 3: a connection-scoped pragma one borrower sets by SQL is not what the next borrower
 * finds; it finds what a fresh connection with the pool's settings has.
 */
class SessionPragmaTest {
    @TempDir
    Path dir;

    /** Pragmas that live as long as the connection, with a value that is not any default. */
    static Stream<String> pragmas() {
        return Stream.of(
                "foreign_keys = ON",
                "ignore_check_constraints = ON",
                "synchronous = OFF",
                "busy_timeout = 1",
                "query_only = ON",
                "locking_mode = EXCLUSIVE",
                "writable_schema = ON",
                "recursive_triggers = ON",
                "defer_foreign_keys = ON",
                "cache_size = 10",
                "journal_mode = DELETE",
                "temp_store = FILE",
                "mmap_size = 0",
                "automatic_index = OFF",
                "reverse_unordered_selects = ON",
                "cell_size_check = ON",
                "trusted_schema = OFF",
                "legacy_alter_table = ON",
                "wal_autocheckpoint = 10",
                "secure_delete = ON",
                "read_uncommitted = ON",
                "cache_spill = OFF",
                "journal_size_limit = 4096",
                "max_page_count = 100000",
                "threads = 2",
                "analysis_limit = 100",
                "query_only = OFF");
    }

    @ParameterizedTest(name = "PRAGMA {0}")
    @MethodSource("pragmas")
    void pragmaSetBySqlDoesNotReachTheNextBorrower(String assignment) throws Exception {
        String name = assignment.substring(0, assignment.indexOf(' '));
        Differential.scenario(dir, "pragma-" + name + assignment.hashCode()).setup(TABLE).check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.query(c, "PRAGMA " + name);
                seen.query(c, "PRAGMA " + assignment);
            }
            try (Connection c = run.borrow()) {
                seen.query(c, "PRAGMA " + name);
                seen.update(c, "INSERT INTO t(v) VALUES('next')");
            }
        });
    }

    @Test
    void foreignKeysOffBySqlDoesNotOverrideTheUrlForTheNextBorrower() throws Exception {
        Differential.scenario(dir, "foreignKeysOffOverridesUrl")
                .setting("foreign_keys", "true")
                .setup("CREATE TABLE parent(id INTEGER PRIMARY KEY)",
                        "CREATE TABLE child(id INTEGER PRIMARY KEY, parent INTEGER REFERENCES parent(id))")
                .check((run, seen) -> {
                    try (Connection c = run.borrow()) {
                        seen.execute(c, "PRAGMA foreign_keys = OFF");
                        seen.update(c, "INSERT INTO child(parent) VALUES(7)");
                    }
                    try (Connection c = run.borrow()) {
                        seen.query(c, "PRAGMA foreign_keys");
                        seen.update(c, "INSERT INTO child(parent) VALUES(8)");
                    }
                });
    }

    @Test
    void ignoreCheckConstraintsBySqlDoesNotReachTheNextBorrower() throws Exception {
        Differential.scenario(dir, "ignoreCheckConstraints")
                .setup("CREATE TABLE c(n INTEGER CHECK (n > 0))")
                .check((run, seen) -> {
                    try (Connection c = run.borrow()) {
                        seen.execute(c, "PRAGMA ignore_check_constraints = ON");
                    }
                    try (Connection c = run.borrow()) {
                        seen.update(c, "INSERT INTO c VALUES(-1)");
                    }
                });
    }

    @Test
    void caseSensitiveLikeDoesNotReachTheNextBorrower() throws Exception {
        Differential.scenario(dir, "caseSensitiveLike").check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.execute(c, "PRAGMA case_sensitive_like = ON");
                seen.query(c, "SELECT 'a' LIKE 'A'");
            }
            try (Connection c = run.borrow()) {
                seen.query(c, "SELECT 'a' LIKE 'A'");
            }
        });
    }

    @Test
    void queryOnlyBySqlDoesNotStopTheNextBorrowersWrites() throws Exception {
        Differential.scenario(dir, "queryOnlyBlocksNextWrite").setup(TABLE).check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.execute(c, "PRAGMA query_only = 1");
                seen.update(c, "INSERT INTO t(v) VALUES('refused')");
            }
            try (Connection c = run.borrow()) {
                seen.update(c, "INSERT INTO t(v) VALUES('next')");
            }
        });
    }

    @Test
    void exclusiveLockingModeDoesNotLockOutOtherProcessesAfterTheBorrower() throws Exception {
        Differential.scenario(dir, "exclusiveLockingMode").setup(TABLE).setting("busy_timeout", "200")
                .check((run, seen) -> {
                    try (Connection c = run.borrow()) {
                        seen.query(c, "PRAGMA locking_mode = EXCLUSIVE");
                        seen.update(c, "INSERT INTO t(v) VALUES('first')");
                    }
                    try (Connection c = run.borrow()) {
                        seen.update(c, "INSERT INTO t(v) VALUES('next')");
                        seen.query(run.plain(), "SELECT v FROM t ORDER BY id");
                    }
                });
    }

    @Test
    void pragmaCallFormDoesNotReachTheNextBorrower() throws Exception {
        Differential.scenario(dir, "pragmaCallFormJournalMode").setup(TABLE).check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.query(c, "PRAGMA journal_mode(DELETE)");
                seen.execute(c, "PRAGMA main.cache_size(77)");
            }
            try (Connection c = run.borrow()) {
                seen.query(c, "PRAGMA journal_mode");
                seen.query(c, "PRAGMA cache_size");
            }
        });
    }

    @Test
    void pragmaUserVersionCallFormIsAWrite() throws Exception {
        Differential.scenario(dir, "pragmaUserVersionCallForm").setup(TABLE).check((run, seen) -> {
            try (Connection c = run.borrow()) {
                seen.query(c, "PRAGMA user_version(5)");
                seen.query(run.plain(), "PRAGMA user_version");
            }
            try (Connection c = run.borrow()) {
                seen.execute(c, "PRAGMA application_id(42)");
                seen.query(c, "PRAGMA user_version");
            }
        });
    }
}
