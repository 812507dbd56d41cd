package io.pooledsqlite.engine;

import io.pooledsqlite.config.EngineMode;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Chooses the in-process engine a pool runs on, once, when the pool starts. {@code engine=auto} walks the chain
 * {@code native} (sqlite-jdbc as shipped), {@code native-relocated} (its library extracted to a private
 * directory, see {@link NativeLibrary}) and {@code wasm} (pure-Java sqlite4j, see {@link WasmEngine});
 * {@code engine=native} allows the two native tiers only, {@code engine=wasm} forces sqlite4j. Every
 * choice other than {@code native} is explained in one warning.
 */
public final class LocalEngines {
    private static final System.Logger LOG = System.getLogger(LocalEngines.class.getName());
    private static final LongAdder FALLBACKS = new LongAdder();

    private LocalEngines() {
    }

    /** The engine for the requested mode ({@code auto}, {@code native} or {@code wasm}). */
    public static Engine resolve(EngineMode mode) throws SQLException {
        if (mode == EngineMode.WASM) {
            return WasmEngine.create("engine=wasm was requested");
        }
        NativeLibrary.State state = NativeLibrary.load();
        if (state == NativeLibrary.State.SHIPPED) {
            return new NativeEngine("native");
        }
        if (state == NativeLibrary.State.RELOCATED) {
            FALLBACKS.increment();
            LOG.log(System.Logger.Level.WARNING, "pooledsqlite engine native-relocated: " + NativeLibrary.why());
            return new NativeEngine("native-relocated");
        }
        if (mode == EngineMode.NATIVE) {
            throw new SQLException("engine=native but the native SQLite library cannot load: " + NativeLibrary.why()
                    + ". Use engine=auto or engine=wasm to run on the pure-Java engine", "08001");
        }
        FALLBACKS.increment();
        WasmEngine wasm = WasmEngine.create(NativeLibrary.why());
        LOG.log(System.Logger.Level.WARNING, "pooledsqlite engine wasm: " + NativeLibrary.why() + "; running on"
                + " pure-Java sqlite4j (slower, one connection per database, durable per " + wasm.policy() + ")");
        return wasm;
    }

    /** How many pools in this JVM started on an engine other than {@code native}, because native failed. */
    public static long fallbacks() {
        return FALLBACKS.sum();
    }
}
