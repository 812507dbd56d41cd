package io.pooledsqlite.examples.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy program is the agent's test subject: without any agent it must pass its own checks and print
 * exactly the recorded output, so that a run under the agent can be compared byte for byte.
 */
class LegacyAppTest {

    @TempDir
    Path dir;

    @Test
    void aPlainRunInItsOwnJvmPrintsTheRecordedOutputAndExitsZero() throws Exception {
        ChildRun run = runInChildJvm(dir.resolve("legacy.db").toString());

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(expectedOutput(), run.output());
    }

    @Test
    void runningTwiceOnTheSameFilePrintsTheSameBytes() throws Exception {
        Path db = dir.resolve("twice.db");

        String first = runInProcess(db, 40);
        String second = runInProcess(db, 40);

        assertEquals(first, second);
        assertTrue(first.contains("connections opened: 40"), first);
        assertTrue(first.contains("checks failed: 0"), first);
    }

    @Test
    void anOpenCountThatIsNotAMultipleOfFourIsRefusedWithStatusTwo() throws Exception {
        ChildRun run = runInChildJvm(dir.resolve("bad.db").toString(), "10");

        assertEquals(2, run.exitCode());
        assertTrue(run.output().contains("opens must be a positive multiple of 4, got 10"), run.output());
    }

    private static String runInProcess(Path db, int opens) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertTrue(LegacyApp.run(db, opens, out), bytes::toString);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private ChildRun runInChildJvm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LegacyApp.class.getName());
        command.addAll(List.of(args));
        Path log = dir.resolve("child-output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("LegacyApp did not finish within 2 minutes: " + Files.readString(log));
        }
        return new ChildRun(process.exitValue(), Files.readString(log));
    }

    private static String expectedOutput() throws IOException {
        try (InputStream in = LegacyAppTest.class.getResourceAsStream("expected-output.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record ChildRun(int exitCode, String output) {}
}
