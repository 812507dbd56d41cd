package io.pooledsqlite.engine.resolve;

import io.pooledsqlite.config.EngineMode;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.Engine;
import io.pooledsqlite.engine.LocalEngines;
import io.pooledsqlite.engine.dqlite.DqliteEngine;
import java.sql.SQLException;

/**
 * The one place that knows every engine: a pool's configuration names the engine it runs on. It sits
 * above the engines so that they depend on the {@link Engine} seam and never on each other.
 */
public final class EngineResolver {
    private EngineResolver() {
    }

    /** The engine for a pool: a dqlite cluster for a {@code dqlite://} target, else an in-process engine. */
    public static Engine resolve(PoolConfig config) throws SQLException {
        if (config.engine() == EngineMode.DQLITE) {
            return new DqliteEngine(config.connectionTimeoutMs());
        }
        return LocalEngines.resolve(config.engine());
    }
}
