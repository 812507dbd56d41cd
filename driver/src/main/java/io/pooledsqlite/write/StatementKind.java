package io.pooledsqlite.write;

/**
 * What the pool must do around one statement: whether it may write (and so holds the write gate in
 * auto-commit mode), whether it may begin or end a transaction (so SQLite is asked afterwards whether one
 * is open), whether it is several statements at once (never retried), and what connection state it may
 * change (checked when the connection is returned). Instances are immutable; the common kinds are shared.
 */
public final class StatementKind {
    private static final int WRITES = 1;
    private static final int TX_CONTROL = 1 << 1;
    private static final int MULTI = 1 << 2;
    private static final int SCHEMA = 1 << 3;
    private static final int UNKNOWN_STATE = 1 << 4;
    private static final int DML = 1 << 5;
    private static final int INSERTS = 1 << 6;
    private static final int DDL = 1 << 7;
    private static final int ALONE = 1 << 8;
    private static final int READS_COUNTERS = 1 << 9;
    private static final int OTHER_FILE = 1 << 10;

    /** Reads only; changes nothing a later borrower could see. */
    public static final StatementKind READ = new StatementKind(0, null);
    /** May write the database; changes no connection state. */
    public static final StatementKind WRITE = new StatementKind(WRITES, null);
    /** {@code INSERT}/{@code REPLACE} (or a {@code WITH} that writes): sets {@code last_insert_rowid()}. */
    public static final StatementKind INSERT = new StatementKind(WRITES | DML | INSERTS, null);
    /** {@code UPDATE}/{@code DELETE}: sets {@code changes()}. */
    public static final StatementKind UPDATE = new StatementKind(WRITES | DML, null);
    /** {@code DROP}/{@code ALTER}: reports {@code changes()} of the last DML as its update count. */
    public static final StatementKind DDL_WRITE = new StatementKind(WRITES | DDL, null);
    /** {@code CREATE …}: writes, and may create TEMP objects that outlive the borrower. */
    public static final StatementKind CREATE = new StatementKind(WRITES | SCHEMA | DDL, null);
    /** {@code ATTACH}: changes which databases the connection sees. */
    public static final StatementKind ATTACH = new StatementKind(SCHEMA | OTHER_FILE, null);
    /** {@code DETACH}: like ATTACH, and refused while other statements of the connection are active. */
    public static final StatementKind DETACH = new StatementKind(SCHEMA | ALONE, null);
    /** {@code VACUUM}: writes, and is refused while other statements of the connection are active. */
    public static final StatementKind VACUUM = new StatementKind(WRITES | ALONE, null);
    /** {@code VACUUM INTO 'file'}: writes another database file. */
    public static final StatementKind VACUUM_INTO = new StatementKind(WRITES | ALONE | OTHER_FILE, null);
    /** {@code BEGIN}, {@code COMMIT}/{@code END}, {@code ROLLBACK}, {@code SAVEPOINT}, {@code RELEASE}. */
    public static final StatementKind TRANSACTION_CONTROL = new StatementKind(WRITES | TX_CONTROL, null);
    /** Several statements in one string: anything may have happened, and part of it may have run. */
    public static final StatementKind SCRIPT =
            new StatementKind(WRITES | TX_CONTROL | MULTI | SCHEMA | UNKNOWN_STATE, null);
    /** A statement whose effect on the connection the pool cannot undo precisely (e.g. an unknown pragma). */
    public static final StatementKind OPAQUE = new StatementKind(WRITES | UNKNOWN_STATE, null);

    private final int flags;
    private final String pragma;

    private StatementKind(int flags, String pragma) {
        this.flags = flags;
        this.pragma = pragma;
    }

    /** A {@code PRAGMA} that may set the connection-scoped setting {@code name}. */
    static StatementKind sessionPragma(String name, boolean writes) {
        return new StatementKind(writes ? WRITES : 0, name);
    }

    /** In auto-commit mode the statement runs holding the write gate. */
    public boolean writes() {
        return (flags & WRITES) != 0;
    }

    /** The statement may open or close a transaction: SQLite is asked afterwards whether one is open. */
    public boolean controlsTransactions() {
        return (flags & TX_CONTROL) != 0;
    }

    /** More than one statement: never retried, as part of it may have run. */
    public boolean isScript() {
        return (flags & MULTI) != 0;
    }

    /** May create TEMP objects or attach databases: the connection is inspected when it is returned. */
    public boolean changesSchema() {
        return (flags & SCHEMA) != 0;
    }

    /** May change connection state the pool cannot enumerate or restore: replace the connection. */
    public boolean changesUnknownState() {
        return (flags & UNKNOWN_STATE) != 0;
    }

    /** {@code INSERT}, {@code UPDATE}, {@code DELETE}: sets {@code changes()}. */
    public boolean isDml() {
        return (flags & DML) != 0;
    }

    /** May set {@code last_insert_rowid()}. */
    public boolean inserts() {
        return (flags & INSERTS) != 0;
    }

    /** Schema statements, whose update count sqlite-jdbc takes from {@code changes()} of the last DML. */
    public boolean isDdl() {
        return (flags & DDL) != 0;
    }

    /**
     * SQLite refuses the statement while other statements of the connection are active: the pool's idle
     * cached statements are finalized first, so only the borrower's own open statements count, as they
     * would on a fresh connection.
     */
    public boolean needsNoActiveStatements() {
        return (flags & ALONE) != 0;
    }

    /** Opens or writes a database file other than the connection's own ({@code ATTACH}, {@code VACUUM INTO}). */
    public boolean reachesOtherFile() {
        return (flags & OTHER_FILE) != 0;
    }

    /** May change connection state that a later borrower would see. */
    public boolean changesSession() {
        return pragma != null || (flags & (SCHEMA | UNKNOWN_STATE)) != 0;
    }

    /** The connection-scoped pragma this statement may set, lower case, or {@code null}. */
    public String pragma() {
        return pragma;
    }

    /** The SQL calls {@code last_insert_rowid()} or {@code changes()}, which are the connection's. */
    public boolean readsChangeCounters() {
        return (flags & READS_COUNTERS) != 0;
    }

    /** This kind, for SQL that calls {@code last_insert_rowid()} or {@code changes()}. */
    StatementKind readingChangeCounters() {
        return new StatementKind(flags | READS_COUNTERS, pragma);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatementKind && ((StatementKind) o).flags == flags
                && java.util.Objects.equals(((StatementKind) o).pragma, pragma);
    }

    @Override
    public int hashCode() {
        return flags * 31 + (pragma == null ? 0 : pragma.hashCode());
    }

    @Override
    public String toString() {
        return "StatementKind[flags=" + flags + (pragma == null ? "" : ", pragma=" + pragma) + "]";
    }
}
