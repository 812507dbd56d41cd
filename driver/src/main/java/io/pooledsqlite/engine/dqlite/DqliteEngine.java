package io.pooledsqlite.engine.dqlite;

import io.pooledsqlite.config.Target;
import io.pooledsqlite.engine.DatabaseWatch;
import io.pooledsqlite.engine.Engine;
import io.pooledsqlite.engine.ErrorClassifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Connections to the leader of a dqlite cluster (target {@code dqlite://host:port[,…]/name}). Each one
 * looks for the leader from the nodes it was given (the last leader found is asked first) for at most
 * the pool's {@code connectionTimeout}, so after the leader dies a new connection reaches the new leader
 * as soon as the cluster has elected it. SQLite settings do not apply: the cluster's nodes own them.
 *
 * <p>What it shares with a local SQLite file, it keeps: the in-JVM write gate and {@code BEGIN IMMEDIATE}
 * (the leader answers a second concurrent writer with {@code SQLITE_BUSY} at once, without waiting, so one
 * JVM's writers queue on the gate instead), and SQLite's classification of the errors the leader reports
 * (they arrive as SQLite's result codes). It differs in that a {@code COMMIT} can fail with its outcome
 * unknown ({@value DqliteErrors#OUTCOME_UNKNOWN}), and in that there is no file here to watch.
 */
public final class DqliteEngine implements Engine {
    /** How long a statement may wait for the leader's answer before the connection counts as lost. */
    public static final int READ_TIMEOUT_MS = 60_000;

    /** SQLite's classification, plus a commit whose outcome the lost leader took with it. */
    private static final ErrorClassifier ERRORS = new ErrorClassifier() {
        @Override
        public boolean isOutcomeUnknown(SQLException e) {
            return DqliteErrors.OUTCOME_UNKNOWN.equals(e.getSQLState());
        }
    };

    private final long connectTimeoutMs;
    private final ConcurrentMap<String, LeaderLocator> locators = new ConcurrentHashMap<>();

    /** An engine whose connects give up after {@code connectTimeoutMs}. */
    public DqliteEngine(long connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    @Override
    public String name() {
        return "dqlite";
    }

    @Override
    public Connection open(String target, Properties sqliteSettings) throws SQLException {
        LeaderLocator locator = locators.get(target);
        if (locator == null) {
            Target t = Target.parse(target);
            locator = locators.computeIfAbsent(target, k -> new LeaderLocator(t.dqliteNodes(), t.dqliteDatabase()));
        }
        DqliteSession session = locator.connect(connectTimeoutMs, READ_TIMEOUT_MS);
        return new DqliteConnection(session, "jdbc:pooledsqlite:" + target, READ_TIMEOUT_MS);
    }

    @Override
    public ErrorClassifier errors() {
        return ERRORS;
    }

    /** The database lives on the cluster's nodes: there is no local file to watch. */
    @Override
    public DatabaseWatch watch(String poolName, Target target) {
        return null;
    }
}
