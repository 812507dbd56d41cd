package io.pooledsqlite.engine;

import io.pooledsqlite.config.EngineMode;
import java.sql.SQLException;

/** Chooses the engine a pool runs on, once, when the pool starts. */
public final class EngineResolver {
    private EngineResolver() {
    }

    /** The engine for the requested mode. */
    public static Engine resolve(EngineMode mode) throws SQLException {
        switch (mode) {
            case WASM:
                throw new SQLException("engine=wasm is not available in this build", "0A000");
            case NATIVE:
            case AUTO:
            default:
                return new NativeEngine();
        }
    }
}
