package io.pooledsqlite.cache;

import io.pooledsqlite.write.StatementKind;
import java.sql.PreparedStatement;

/** A physical prepared statement kept for reuse, with its cache key and its write-path class. */
public final class CachedStatement {
    private final Object key;
    private final PreparedStatement statement;
    private final StatementKind kind;
    private boolean ran;

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

    /** The SQL the statement was prepared from. */
    public String sql() {
        return StatementKey.sqlOf(key);
    }

    /**
     * True once the statement has run. sqlite-jdbc answers {@code getMetaData()} of a statement that ran
     * and whose result set was closed with "inconsistent internal state", where a fresh one answers.
     */
    public boolean hasRun() {
        return ran;
    }

    /** Records that the statement ran. */
    public void ran() {
        ran = true;
    }
}
