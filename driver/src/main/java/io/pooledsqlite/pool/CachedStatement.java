package io.pooledsqlite.pool;

import io.pooledsqlite.write.StatementKind;
import java.sql.PreparedStatement;

/** A physical prepared statement kept for reuse, with its cache key and its write-path class. */
public final class CachedStatement {
    private final Object key;
    private final PreparedStatement statement;
    private final StatementKind kind;

    public CachedStatement(Object key, PreparedStatement statement, StatementKind kind) {
        this.key = key;
        this.statement = statement;
        this.kind = kind;
    }

    public Object key() {
        return key;
    }

    public PreparedStatement statement() {
        return statement;
    }

    public StatementKind kind() {
        return kind;
    }
}
