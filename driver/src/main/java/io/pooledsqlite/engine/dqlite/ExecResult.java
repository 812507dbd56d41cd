package io.pooledsqlite.engine.dqlite;

/** What a statement that returns no rows reports: the last inserted rowid and the rows it changed. */
final class ExecResult {
    final long lastInsertId;
    final long rowsAffected;

    ExecResult(long lastInsertId, long rowsAffected) {
        this.lastInsertId = lastInsertId;
        this.rowsAffected = rowsAffected;
    }
}
