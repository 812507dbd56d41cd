package io.pooledsqlite.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlClassifierTest {
    private static void expect(StatementKind kind, String... sqls) {
        for (String sql : sqls) {
            assertEquals(kind, SqlClassifier.classify(sql), sql);
        }
    }

    @Test
    void queriesAreReads() {
        expect(StatementKind.READ, "select 1", "  SELECT * from t", "-- note\nselect 1", "/* x */ select 1",
                "(select 1)", "values (1)", "explain select 1", "with c as (select 1) select * from c",
                "pragma journal_mode", "PRAGMA table_info(t)", "select ';' from t;");
    }

    @Test
    void anythingThatMayWriteIsAWrite() {
        expect(StatementKind.WRITE, "insert into t values (1)", "update t set x = 1", "delete from t",
                "replace into t values (1)", "create table t(x)", "drop table t", "pragma user_version = 3",
                "with c as (select 1) insert into t select * from c", "vacuum", "rollback to sp1",
                "savepoint a", "release a", "select 1; delete from t", "", "   ");
    }

    @Test
    void transactionControlIsRecognised() {
        expect(StatementKind.BEGIN, "begin", "BEGIN IMMEDIATE", "begin transaction");
        expect(StatementKind.COMMIT, "commit", "END TRANSACTION");
        expect(StatementKind.ROLLBACK, "rollback", "ROLLBACK TRANSACTION");
    }
}
