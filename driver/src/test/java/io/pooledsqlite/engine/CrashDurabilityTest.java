package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with {@code kill -9} loses no commit whose {@code commit()} returned, on either engine. */
class CrashDurabilityTest {
    private static final int ACKS_BEFORE_KILL = 120;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"native", "wasm"})
    void everyAcknowledgedCommitSurvivesKillDashNine(String engine) throws Exception {
        Path db = dir.resolve("crash-" + engine + ".db");
        // a small checkpoint threshold makes the wasm child fold its log into the file while it runs
        List<String> output;
        try (ChildJvm child = ChildJvm.start(CommitLoopMain.class,
                List.of(WasmEngine.CHECKPOINT_PROPERTY + "=65536"), db.toString(), "engine=" + engine)) {
            assertEquals(engine, child.await("ENGINE="));
            child.await("ACK " + ACKS_BEFORE_KILL);
            output = child.killAndDrain();
        }
        int lastAck = 0;
        for (String line : output) {
            if (line.startsWith("ACK ")) {
                lastAck = Math.max(lastAck, Integer.parseInt(line.substring(4)));
            }
        }
        assertTrue(lastAck >= ACKS_BEFORE_KILL);
        // the engine that wrote it reopens it (wasm recovers the log without native), then native reads it
        for (String reader : List.of(engine, "native")) {
            try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + db + "?engine=" + reader);
                 Connection c = ds.getConnection()) {
                assertEquals(lastAck, Databases.queryLong(c, "SELECT count(*) FROM acked WHERE id <= " + lastAck),
                        "acknowledged rows present after kill -9, read on " + reader);
                assertEquals("ok", Databases.queryString(c, "PRAGMA integrity_check"));
            }
        }
    }
}
