package io.pooledsqlite.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
        expect(StatementKind.VACUUM_INTO, "VACUUM INTO 'copy.db'", "vacuum main into 'copy.db'");
        expect(StatementKind.WRITE, "analyze", "ANALYZE t", "reindex", "REINDEX t");
        assertTrue(StatementKind.VACUUM.needsNoActiveStatements() && StatementKind.VACUUM.writes());
        expect(StatementKind.CREATE, "create table t(x)", "CREATE TEMP TABLE t(x)");
    }

    @Test
    void noSqlAtAllCountsAsAWrite() {
        assertEquals(StatementKind.WRITE, SqlClassifier.classify(null));
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

    @Test
    void aCommonTableExpressionWithoutSqlitesAnswerWritesIfItNamesAWrite() {
        expect(StatementKind.INSERT, "with c as (select 1) replace into t select * from c",
                "WITH c AS (SELECT 1) UPDATE t SET x = 1", "with c as (select 1) delete from t");
        expect(StatementKind.READ, "with c as (select 1) select * from c",
                "with deleted as (select 1) select * from deleted_rows",
                "with c as (select 'x' as updated) select * from c");
    }

    @Test
    void callsOfTheConnectionsChangeCountersAreNoticedInAnyCaseAndOnlyAsWholeWords() {
        assertTrue(SqlClassifier.classify("select last_insert_rowid()").readsChangeCounters());
        assertTrue(SqlClassifier.classify("SELECT CHANGES()").readsChangeCounters());
        assertTrue(SqlClassifier.classify("select 1 as changes").readsChangeCounters(), "a word at the very end");
        assertTrue(SqlClassifier.classify("select 1 + changes()").readsChangeCounters());
        StatementKind atStart = SqlClassifier.classify("changes()");
        assertTrue(atStart.writes(), "no statement of SQLite's: left for SQLite to refuse");
        assertTrue(atStart.readsChangeCounters(), "a word at the very start");
        assertFalse(SqlClassifier.classify("select nochanges from t").readsChangeCounters());
        assertFalse(SqlClassifier.classify("select changes2 from t").readsChangeCounters());
        assertFalse(SqlClassifier.classify("select 1").readsChangeCounters());
        assertFalse(SqlClassifier.classify("select x_changed from t").readsChangeCounters());
        assertFalse(StatementKind.READ.readsChangeCounters());
    }

    @Test
    void aStatementThatStartsWithTheLetterOfTheCounterStillReadsIt() {
        StatementKind upper = SqlClassifier.classify("CREATE TABLE S AS SELECT CHANGES() AS N");
        assertTrue(upper.readsChangeCounters() && upper.changesSchema(), "its only 'C' before CHANGES is the first");
        StatementKind lower = SqlClassifier.classify("create table s as select changes() as n");
        assertTrue(lower.readsChangeCounters() && lower.changesSchema(), "its only 'c' before changes is the first");
        assertTrue(SqlClassifier.classify("_ = last_insert_rowid()").readsChangeCounters(),
                "text SQLite refuses, whose first '_' is its first character");
    }

    @Test
    void aSemicolonInsideQuotesOrCommentsIsNoSecondStatement() {
        expect(StatementKind.READ, "select \"a;b\" from t", "select `a;b` from t", "select [a;b] from t",
                "select 'a;b'", "select 1 /* ; delete from t */", "select 1 -- ; delete from t",
                "select 1;", "select 1;  -- done", "select 1; /* done */");
        expect(StatementKind.SCRIPT, "select [a;b] from t; delete from t", "select 1 /* x */; delete from t",
                "select 1 -- x\n; delete from t");
    }

    @Test
    void commentsBeforeTheKeywordAreSkippedWhereverTheyEnd() {
        expect(StatementKind.WRITE, "-- only a comment", "/* an unclosed comment", "/* a comment */");
        expect(StatementKind.READ, "/**/select 1", "--\nselect 1", "-- a\n-- b\n  select 1");
        expect(StatementKind.UPDATE, "/*/ select 1 */ delete from t");
    }

    /** An unclosed comment ends the text wherever it starts: scanning it never starts over. */
    @Test
    void aCommentWithNoEndAfterTheStartOfTheTextRunsToTheEnd() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            expect(StatementKind.READ, "select 1 /* ; delete from t", "select 1 /*/ ; delete from t");
            expect(StatementKind.WRITE, "  /* only an unclosed comment", "\n/* ; select 1");
            expect(StatementKind.OPAQUE, "pragma no_such_pragma /* ; delete from t");
        });
    }

    @Test
    void pragmasThatActOnTheFileWriteEvenWithoutAValue() {
        expect(StatementKind.WRITE, "pragma incremental_vacuum", "PRAGMA optimize", "pragma wal_checkpoint",
                "pragma user_version = 1", "pragma main.application_id = 7");
        expect(StatementKind.READ, "pragma user_version", "pragma page_size", "pragma application_id;",
                "pragma integrity_check");
        StatementKind locking = SqlClassifier.classify("PRAGMA locking_mode = EXCLUSIVE");
        assertEquals("locking_mode", locking.pragma());
        assertTrue(locking.writes(), "changing the locking mode needs SQLite's locks");
        assertFalse(SqlClassifier.classify("PRAGMA cache_size = 10").writes());
    }

    @Test
    void eachKindSaysWhatItChanges() {
        assertFalse(StatementKind.READ.changesSchema() || StatementKind.INSERT.changesSchema()
                || StatementKind.VACUUM.changesSchema());
        assertTrue(StatementKind.CREATE.changesSchema() && StatementKind.DETACH.changesSchema());
        assertFalse(StatementKind.READ.changesSession() || StatementKind.UPDATE.changesSession()
                || StatementKind.VACUUM_INTO.changesSession());
        assertTrue(StatementKind.CREATE.changesSession() && StatementKind.OPAQUE.changesSession()
                && SqlClassifier.classify("PRAGMA foreign_keys = 1").changesSession());
        assertTrue(StatementKind.INSERT.inserts());
        assertFalse(StatementKind.UPDATE.inserts() || StatementKind.WRITE.inserts());
        assertTrue(StatementKind.DDL_WRITE.isDdl() && StatementKind.CREATE.isDdl());
        assertFalse(StatementKind.INSERT.isDdl() || StatementKind.ATTACH.isDdl());
        assertTrue(StatementKind.UPDATE.isDml() && StatementKind.INSERT.isDml());
        assertFalse(StatementKind.DDL_WRITE.isDml());
        assertTrue(StatementKind.ATTACH.reachesOtherFile() && StatementKind.VACUUM_INTO.reachesOtherFile());
        assertFalse(StatementKind.VACUUM.reachesOtherFile());
        assertFalse(StatementKind.READ.isScript() || StatementKind.TRANSACTION_CONTROL.isScript());
        assertFalse(StatementKind.WRITE.controlsTransactions());
        assertTrue(StatementKind.OPAQUE.changesUnknownState() && StatementKind.SCRIPT.changesUnknownState());
        assertFalse(StatementKind.READ.changesUnknownState() || StatementKind.CREATE.changesUnknownState()
                || StatementKind.ATTACH.changesUnknownState()
                || SqlClassifier.classify("PRAGMA foreign_keys = 1").changesUnknownState());
        assertTrue(StatementKind.VACUUM.needsNoActiveStatements() && StatementKind.VACUUM_INTO.needsNoActiveStatements()
                && StatementKind.DETACH.needsNoActiveStatements());
        assertFalse(StatementKind.READ.needsNoActiveStatements() || StatementKind.INSERT.needsNoActiveStatements()
                || StatementKind.ATTACH.needsNoActiveStatements() || StatementKind.SCRIPT.needsNoActiveStatements());
    }

    @Test
    void kindsAreEqualOnlyWithTheSamePragma() {
        StatementKind fk = SqlClassifier.classify("PRAGMA foreign_keys = 1");
        assertEquals(fk, SqlClassifier.classify("pragma FOREIGN_KEYS = 0"));
        assertEquals(fk.hashCode(), SqlClassifier.classify("pragma FOREIGN_KEYS = 0").hashCode());
        assertFalse(fk.equals(SqlClassifier.classify("PRAGMA recursive_triggers = 1")));
        assertFalse(StatementKind.READ.equals(fk), "same flags, one names a pragma");
        assertFalse(StatementKind.READ.equals("READ"));
        StatementKind counters = SqlClassifier.classify("select changes()");
        StatementKind sameCounters = SqlClassifier.classify("SELECT CHANGES()");
        assertEquals(counters, sameCounters, "two kinds without a pragma, made apart");
        assertEquals(counters.hashCode(), sameCounters.hashCode());
    }

    @Test
    void aKindsTextShowsItsFlagsAndOnlyAPragmaItNames() {
        assertEquals("StatementKind[flags=0]", StatementKind.READ.toString());
        assertEquals("StatementKind[flags=0, pragma=foreign_keys]",
                SqlClassifier.classify("PRAGMA foreign_keys = 1").toString());
        assertNotEquals(StatementKind.READ.toString(), StatementKind.WRITE.toString());
    }
}
