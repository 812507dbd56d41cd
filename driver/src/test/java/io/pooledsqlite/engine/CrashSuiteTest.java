package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * The differential crash suite: on each engine, rounds of a child JVM running {@link CrashWorkloadMain}
 * (every statement kind the engine must survive) on one file, killed with {@code kill -9} after a random
 * number of acknowledged steps, each round checked by a fresh plain sqlite-jdbc connection: every
 * acknowledged commit present, nothing rolled back visible, the step in flight all or nothing, and
 * {@code integrity_check} ok. The next round continues on the file the crash left.
 */
class CrashSuiteTest {
    private static final int ROUNDS = 11;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"native", "wasm"})
    void everyAcknowledgedCommitSurvivesKillDashNineWhateverTheSql(String engine) throws Exception {
        Path db = dir.resolve("suite-" + engine + ".db");
        Random random = new Random(20);
        Map<Integer, Integer> acked = new HashMap<>();
        int nextStep = 1;
        int totalAcks = 0;
        for (int round = 0; round < ROUNDS; round++) {
            List<String> output;
            // a small checkpoint threshold makes the wasm child fold its log into the file while it runs
            try (ChildJvm child = ChildJvm.start(CrashWorkloadMain.class,
                    List.of(WasmEngine.CHECKPOINT_PROPERTY + "=65536"), db.toString(), "engine=" + engine,
                    Long.toString(random.nextLong()), Integer.toString(nextStep))) {
                assertEquals(engine, child.await("ENGINE="));
                int acks = 3 + random.nextInt(40);
                for (int i = 0; i < acks; i++) {
                    child.await("ACK ");
                }
                output = child.killAndDrain();
            }
            int inFlight = -1;
            int inFlightRows = -1;
            for (String line : output) {
                String[] w = line.split(" ");
                if (w[0].equals("BEGIN")) {
                    inFlight = Integer.parseInt(w[1]);
                    inFlightRows = Integer.parseInt(w[2]);
                } else if (w[0].equals("ACK")) {
                    acked.put(Integer.parseInt(w[1]), Integer.parseInt(w[2]));
                    totalAcks++;
                    inFlight = -1;
                }
            }
            check(db, acked, inFlight, inFlightRows, "round " + round + " on " + engine
                    + " (the child printed " + output + ")");
            nextStep = acked.keySet().stream().max(Integer::compare).orElse(0) + 2;
        }
        assertTrue(totalAcks >= ROUNDS * 3, "acknowledged steps: " + totalAcks);
    }

    private static void check(Path db, Map<Integer, Integer> acked, int inFlight, int inFlightRows, String where)
            throws Exception {
        try (Connection n = new JDBC4Connection("jdbc:sqlite:" + db, db.toString(), new Properties());
             Statement s = n.createStatement()) {
            assertEquals("ok", Databases.queryString(n, "PRAGMA integrity_check"), where);
            assertEquals(0, Databases.queryLong(n, "SELECT count(*) FROM t WHERE step < 0"),
                    "rows of rolled-back transactions, " + where);
            Map<Integer, Integer> present = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT step, count(*) FROM t WHERE step > 0 GROUP BY step")) {
                while (rs.next()) {
                    present.put(rs.getInt(1), rs.getInt(2));
                }
            }
            for (Map.Entry<Integer, Integer> e : acked.entrySet()) {
                assertEquals(e.getValue(), present.getOrDefault(e.getKey(), 0),
                        "rows of acknowledged step " + e.getKey() + ", " + where);
            }
            for (Map.Entry<Integer, Integer> e : present.entrySet()) {
                if (!acked.containsKey(e.getKey())) {
                    assertEquals(inFlight, (int) e.getKey(), "rows of a step never begun, " + where);
                    if (inFlightRows >= 0) {
                        assertEquals(inFlightRows, (int) e.getValue(), "the step in flight is atomic, " + where);
                    }
                    acked.put(e.getKey(), e.getValue());
                }
            }
        }
    }
}
