package io.pooledsqlite.write;

/** How the pool treats a statement on the write path. */
public enum StatementKind {
    /** Reads only: runs without the write gate. */
    READ,
    /** May write: in auto-commit mode it holds the write gate while it runs. */
    WRITE,
    /** {@code BEGIN …} written by the application: takes the gate until the transaction ends. */
    BEGIN,
    /** {@code COMMIT} or {@code END} written by the application. */
    COMMIT,
    /** {@code ROLLBACK} (not {@code ROLLBACK TO}) written by the application. */
    ROLLBACK
}
