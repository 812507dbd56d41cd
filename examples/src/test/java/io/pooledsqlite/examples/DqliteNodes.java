package io.pooledsqlite.examples;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real dqlite cluster on loopback for the examples' tests: {@code dqlite-demo} processes (Debian's
 * {@code go-dqlite}), the later ones joining the first, ready once the {@code dqlite} shell lists every node
 * as a voter. Tests skip, saying why, where the package is missing.
 */
public final class DqliteNodes implements AutoCloseable {
    private static final String DEMO = "/usr/bin/dqlite-demo";
    private static final String SHELL = "/usr/bin/dqlite";

    private final List<String> addresses = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private DqliteNodes() {
    }

    /** Starts {@code count} nodes in {@code dir} and waits (at most 60 s) until all of them vote. */
    public static DqliteNodes start(Path dir, int count) throws Exception {
        assumeTrue(new File(DEMO).canExecute() && new File(SHELL).canExecute(),
                DEMO + " or " + SHELL + " is not installed (apt-get install go-dqlite)");
        DqliteNodes nodes = new DqliteNodes();
        try {
            for (int i = 0; i < count; i++) {
                String db = "127.0.0.1:" + freePort();
                List<String> cmd = new ArrayList<>(List.of(DEMO, "-a", "127.0.0.1:" + freePort(), "-d", db, "-D",
                        Files.createDirectories(dir.resolve("node" + i)).toString()));
                if (i > 0) {
                    cmd.add("-j");
                    cmd.add(nodes.addresses.get(0));
                }
                nodes.processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("node" + i + ".log").toFile()).start());
                nodes.addresses.add(db);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (nodes.voters() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the dqlite nodes did not all become voters within 60 s");
                }
                Thread.sleep(100); // other processes are electing; nothing in this JVM to wait on
            }
            return nodes;
        } catch (Exception | Error e) {
            nodes.close();
            throw e;
        }
    }

    /** The pooledsqlite URL target of database {@code name} on these nodes. */
    public String target(String name) {
        return "dqlite://" + String.join(",", addresses) + "/" + name;
    }

    private int voters() throws IOException, InterruptedException {
        Process shell = new ProcessBuilder(SHELL, "-s", String.join(",", addresses), "probe")
                .redirectErrorStream(true).start();
        shell.getOutputStream().write(".cluster\n".getBytes(StandardCharsets.UTF_8));
        shell.getOutputStream().close();
        String out;
        try (InputStream in = shell.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!shell.waitFor(10, TimeUnit.SECONDS)) {
            shell.destroyForcibly();
        }
        return (int) out.lines().filter(l -> l.endsWith("|voter")).count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
