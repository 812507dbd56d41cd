package io.pooledsqlite.engine.dqlite;

import io.pooledsqlite.config.Target;
import io.pooledsqlite.engine.Engine;
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
 */
public final class DqliteEngine implements Engine {
    /** How long a statement may wait for the leader's answer before the connection counts as lost. */
    public static final int READ_TIMEOUT_MS = 60_000;

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
}
