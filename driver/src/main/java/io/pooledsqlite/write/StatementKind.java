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

    /** Reads only; changes nothing a later borrower could see. */
    public static final StatementKind READ = new StatementKind(0, null);
    /** May write the database; changes no connection state. */
    public static final StatementKind WRITE = new StatementKind(WRITES, null);
    /** {@code CREATE …}: writes, and may create TEMP objects that outlive the borrower. */
    public static final StatementKind CREATE = new StatementKind(WRITES | SCHEMA, null);
    /** {@code ATTACH}/{@code DETACH}: changes which databases the connection sees. */
    public static final StatementKind ATTACH = new StatementKind(SCHEMA, null);
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

    /** May change connection state that a later borrower would see. */
    public boolean changesSession() {
        return pragma != null || (flags & (SCHEMA | UNKNOWN_STATE)) != 0;
    }

    /** The connection-scoped pragma this statement may set, lower case, or {@code null}. */
    public String pragma() {
        return pragma;
    }

    /** This kind, marked as writing. */
    StatementKind asWrite() {
        return writes() ? this : new StatementKind(flags | WRITES, pragma);
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
