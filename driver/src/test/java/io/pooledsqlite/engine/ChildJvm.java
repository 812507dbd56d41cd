package io.pooledsqlite.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from the running one (same {@code java.home}, same class path) running one of the
 * test's main classes, its standard output read line by line. sqlite-jdbc's loader state is static, so
 * "the native library cannot load" can only be tested in a fresh JVM.
 */
final class ChildJvm implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 60;
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader failed: " + e);
            } finally {
                lines.add(EOF);
            }
        }, "child-jvm-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with the given {@code -D} options (without the {@code -D}) and arguments. */
    static ChildJvm start(Class<?> main, List<String> systemProperties, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""));
        for (String p : systemProperties) {
            cmd.add("-D" + p);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ChildJvm(pb.start());
    }

    /** The next line of output starting with {@code prefix} (others are kept for messages), without it. */
    String await(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                throw new AssertionError("Child JVM " + (line == null ? "timed out" : "ended") + " before printing "
                        + prefix + "; it printed " + seen);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
    }

    /** Sends one line to the JVM's standard input. */
    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Waits for a normal exit and returns the exit code. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("Child JVM did not exit; it printed " + seen);
        }
        return process.exitValue();
    }

    /** Kills the JVM the way {@code kill -9} does and waits until it is gone. */
    void kill() throws InterruptedException {
        // through the handle: Process.destroyForcibly also closes our end of the child's output, and lines
        // still in the pipe (a BEGIN printed just before the kill) would be lost to killAndDrain
        process.toHandle().destroyForcibly();
        process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Kills the JVM and returns everything it printed, including lines not awaited yet. */
    List<String> killAndDrain() throws InterruptedException {
        kill();
        while (true) {
            String line = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null || line.equals(EOF)) {
                return seen;
            }
            seen.add(line);
        }
    }

    /** Everything read so far. */
    List<String> output() {
        return seen;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
