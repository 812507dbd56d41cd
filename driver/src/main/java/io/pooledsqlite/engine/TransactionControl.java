package io.pooledsqlite.engine;

import java.util.Objects;

/**
 * How an engine's write transactions are run: whether the pool queues one JVM's writers to a database on
 * an in-JVM write gate before they reach the engine, and the statement that begins a write transaction.
 * Read transactions begin with plain {@code BEGIN} and end with {@code COMMIT} or {@code ROLLBACK} on
 * every engine.
 */
public final class TransactionControl {
    /**
     * SQLite's: writers queue on the gate (so they wait in the JVM instead of failing with
     * {@code SQLITE_BUSY}), and {@code BEGIN IMMEDIATE} takes SQLite's write lock when the transaction begins.
     */
    public static final TransactionControl SQLITE = new TransactionControl(true, "BEGIN IMMEDIATE");

    private final boolean writeGate;
    private final String beginWrite;

    private TransactionControl(boolean writeGate, String beginWrite) {
        this.writeGate = writeGate;
        this.beginWrite = beginWrite;
    }

    /**
     * Transaction control of an engine.
     *
     * @param writeGate true if the pool serializes this JVM's writers on an in-JVM gate; false for an engine
     *     that orders writers itself
     * @param beginWrite the statement that begins a write transaction, e.g. {@code BEGIN IMMEDIATE}
     */
    public static TransactionControl of(boolean writeGate, String beginWrite) {
        Objects.requireNonNull(beginWrite, "beginWrite");
        return new TransactionControl(writeGate, beginWrite);
    }

    /** True if the pool serializes this JVM's writers to a database on an in-JVM gate. */
    public boolean writeGate() {
        return writeGate;
    }

    /** The statement that begins a write transaction. */
    public String beginWrite() {
        return beginWrite;
    }

    @Override
    public String toString() {
        return "TransactionControl[writeGate=" + writeGate + ", beginWrite=" + beginWrite + "]";
    }
}
