package io.pooledsqlite.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {

    @TempDir
    Path dir;

    @Test
    void aShortRunCommitsAndReadsWithoutErrorsOrLostUpdatesAndReportsThePool() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.Result result;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            result = new Demo(dir.resolve("demo.db"), Duration.ofSeconds(2), out).run();
        }
        String report = bytes.toString(StandardCharsets.UTF_8);

        assertEquals(0, result.errors(), report);
        assertTrue(result.commits() > 0, report);
        assertTrue(result.reads() > 0, report);
        assertEquals(result.commits(), result.balanceSum(), report);
        assertTrue(report.contains("commits"), report);
        assertTrue(report.matches("(?s).*\\n\\s+1s\\s+commits.*"), "a progress line after one second\n" + report);
        for (String line : List.of("engine                         native",
                "physical connections created", "statement cache", "write-gate waits", "busy retries",
                "journal_mode                   wal", "synchronous                    1 (NORMAL)",
                "busy_timeout                   5000", "temp_store                     2 (MEMORY)",
                "OK: no errors, no lost updates")) {
            assertTrue(report.contains(line), "missing '" + line + "' in\n" + report);
        }
    }

    @Test
    void theProgramExitsWithZeroAfterAOneSecondRun() throws Exception {
        Path db = dir.resolve("child.db");
        ChildRun run = runInChildJvm(db.toString(), "1");

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("OK: no errors, no lost updates"), run.output());
        assertTrue(Files.exists(db));
    }

    @Test
    void aDurationBelowOneSecondIsRefusedWithStatusTwo() throws Exception {
        ChildRun run = runInChildJvm(dir.resolve("never.db").toString(), "0");

        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("seconds must be at least 1, got 0"), run.output());
    }

    private ChildRun runInChildJvm(String... args) throws Exception {
        Path log = dir.resolve("child-output.txt");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Demo.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("Demo did not finish within 2 minutes: " + Files.readString(log));
        }
        return new ChildRun(process.exitValue(), Files.readString(log));
    }

    private record ChildRun(int exitCode, String output) {}
}
