package io.pooledsqlite.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                "pragma journal_mode", "PRAGMA table_info(t)", "select ';' from t;", "pragma foreign_keys",
                "PRAGMA main.cache_size");
    }

    @Test
    void anythingThatMayWriteIsAWrite() {
        expect(StatementKind.INSERT, "insert into t values (1)", "replace into t values (1)",
                "with c as (select 1) insert into t select * from c");
        expect(StatementKind.UPDATE, "update t set x = 1", "delete from t");
        expect(StatementKind.DDL_WRITE, "drop table t", "alter table t add y");
        expect(StatementKind.WRITE,
                "pragma user_version = 3", "PRAGMA user_version(5)",
                "pragma wal_checkpoint(TRUNCATE)", "pragma wal_checkpoint", "pragma optimize",
                "", "   ", "frobnicate");
        expect(StatementKind.VACUUM, "vacuum", "VACUUM main");
        assertTrue(StatementKind.VACUUM.needsNoActiveStatements() && StatementKind.VACUUM.writes());
        expect(StatementKind.CREATE, "create table t(x)", "CREATE TEMP TABLE t(x)");
    }

    @Test
    void everythingThatCanOpenOrEndATransactionIsTransactionControl() {
        expect(StatementKind.TRANSACTION_CONTROL, "begin", "BEGIN IMMEDIATE", "begin transaction", "commit",
                "END TRANSACTION", "rollback", "ROLLBACK TRANSACTION", "rollback to sp1", "savepoint a",
                "release a", "RELEASE SAVEPOINT a");
    }

    @Test
    void scriptsAreNeverRetriedAndChangeAnything() {
        StatementKind k = SqlClassifier.classify("select 1; delete from t");
        assertEquals(StatementKind.SCRIPT, k);
        assertTrue(k.isScript() && k.writes() && k.controlsTransactions() && k.changesSession());
        assertEquals(StatementKind.SCRIPT, SqlClassifier.classify("BEGIN; INSERT INTO t VALUES (1)"));
    }

    @Test
    void connectionSettingsAreNamedSoTheyCanBeRestored() {
        StatementKind fk = SqlClassifier.classify("PRAGMA foreign_keys = OFF");
        assertEquals("foreign_keys", fk.pragma());
        assertFalse(fk.writes());
        assertEquals("foreign_keys", SqlClassifier.classify("pragma main.FOREIGN_KEYS(0)").pragma());
        StatementKind journal = SqlClassifier.classify("PRAGMA journal_mode = DELETE");
        assertEquals("journal_mode", journal.pragma());
        assertTrue(journal.writes(), "changing the journal mode needs SQLite's locks");
        assertEquals("case_sensitive_like", SqlClassifier.classify("PRAGMA case_sensitive_like = 1").pragma());
    }

    @Test
    void unknownPragmasAndOtherSchemasMakeTheConnectionOpaque() {
        expect(StatementKind.OPAQUE, "PRAGMA aux.cache_size = 10", "PRAGMA no_such_pragma = 1");
        assertTrue(StatementKind.OPAQUE.changesUnknownState());
    }

    @Test
    void attachChangesTheSchemaWithoutWriting() {
        expect(StatementKind.ATTACH, "ATTACH 'x.db' AS x");
        expect(StatementKind.DETACH, "detach x");
        assertTrue(StatementKind.ATTACH.changesSchema());
        assertFalse(StatementKind.ATTACH.writes());
    }

    @Test
    void sqliteItselfDecidesWhetherACommonTableExpressionWrites() throws Exception {
        SqlClassifier.WriteProbe says = sql -> sql.contains("delete");
        assertEquals(StatementKind.INSERT, SqlClassifier.classify("WITH x AS (SELECT 1) delete from t", says));
        assertEquals(StatementKind.READ, SqlClassifier.classify("WITH x AS (SELECT 'insert') SELECT * FROM x", says));
    }
}
