package io.pooledsqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every commit acknowledged to the caller survives the process being killed ({@code kill -9}) at a
 * random point, twenty times over, with the pool's default {@code synchronous=NORMAL} in WAL mode.
 */
class CrashConsistencyTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesTwentyKills() throws Exception {
        Path file = dir.resolve("crash.db");
        String url = "jdbc:pooledsqlite:" + file + "?poolName=crash";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(42);
        long nextId = 1;
        long acknowledged = 0;
        for (int round = 0; round < 20; round++) {
            Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    AckWriter.class.getName(), url, Long.toString(nextId))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine(), "round " + round);
            int killAfter = 1 + random.nextInt(150);
            long lastAck = nextId - 1;
            for (int i = 0; i < killAfter; i++) {
                String line = out.readLine();
                lastAck = Long.parseLong(line.substring(4));
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            acknowledged += killAfter;
            try (Connection c = Databases.raw(file);
                 PreparedStatement missing = c.prepareStatement("select count(*) from acked where id <= ?")) {
                missing.setLong(1, lastAck);
                try (ResultSet rs = missing.executeQuery()) {
                    rs.next();
                    assertEquals(lastAck, rs.getLong(1), "round " + round + ": acknowledged rows 1.." + lastAck);
                }
                try (ResultSet rs = c.createStatement().executeQuery("select coalesce(max(id), 0) from acked")) {
                    rs.next();
                    nextId = rs.getLong(1) + 1;
                }
                try (ResultSet rs = c.createStatement().executeQuery(
                        "select count(*) from (select batch from acked where tx = 1 group by batch"
                                + " having count(*) <> 3)")) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "round " + round + ": no transaction is half there");
                }
            }
        }
        assertTrue(acknowledged >= 20);
    }
}
