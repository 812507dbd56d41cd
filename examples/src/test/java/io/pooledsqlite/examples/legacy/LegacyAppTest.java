package io.pooledsqlite.examples.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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
    void underTheAgentItsConnectionsArePooledAndItPrintsTheSameBytes() throws Exception {
        Path agent = Path.of(System.getProperty("agent.jar", "agent.jar-not-set"));
        Assumptions.assumeTrue(Files.exists(agent), "the agent jar is built by the agent module: run `mvn verify`"
                + " from the root (looked for " + agent + ")");
        Path log = dir.resolve("agent-log.txt");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + agent + "=maxPoolSize=4");
        command.add("-cp");
        command.add(legacyClasspath());
        command.add(LegacyApp.class.getName());
        command.add(dir.resolve("pooled.db").toString());
        Path out = dir.resolve("agent-output.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "LegacyApp under the agent did not finish");

        assertEquals(0, process.exitValue(), Files.readString(out) + Files.readString(log));
        assertEquals(expectedOutput(), Files.readString(out), "same output as without the agent");
        assertTrue(Files.readString(log).contains("started on engine native"),
                "the program's connections came from a pool: " + Files.readString(log));
    }

    @Test
    void runningTwiceOnTheSameFilePrintsTheSameBytes() throws Exception {
        String db = dir.resolve("twice.db").toString();

        ChildRun first = runInChildJvm(db, "40");
        ChildRun second = runInChildJvm(db, "40");

        assertEquals(0, first.exitCode(), first.output());
        assertEquals(first.output(), second.output());
        assertTrue(first.output().contains("connections opened: 40"), first.output());
        assertTrue(first.output().contains("checks failed: 0"), first.output());
    }

    @Test
    void anOpenCountThatIsNotAMultipleOfFourIsRefusedWithStatusTwo() throws Exception {
        ChildRun run = runInChildJvm(dir.resolve("bad.db").toString(), "10");

        assertEquals(2, run.exitCode());
        assertTrue(run.output().contains("opens must be a positive multiple of 4, got 10"), run.output());
    }

    private ChildRun runInChildJvm(String... args) throws IOException, InterruptedException, URISyntaxException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(legacyClasspath());
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

    /**
     * Only the program and sqlite-jdbc, as a legacy application has: the test class path also holds sqlite4j,
     * which registers {@code jdbc:sqlite:} too and could answer the program's DriverManager calls.
     */
    private static String legacyClasspath() throws URISyntaxException {
        return Path.of(LegacyApp.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(org.sqlite.JDBC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String expectedOutput() throws IOException {
        try (InputStream in = LegacyAppTest.class.getResourceAsStream("expected-output.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record ChildRun(int exitCode, String output) {}
}
