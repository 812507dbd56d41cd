package io.pooledsqlite.engine.dqlite;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pooledsqlite.config.Target;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real dqlite nodes on loopback, one {@code dqlite-demo} process each (Debian's {@code go-dqlite}
 * package), started in a test's temporary directory and killed by {@link #close()}. Tests skip, saying
 * why, where the package is not installed.
 */
final class DqliteCluster implements AutoCloseable {
    private static final String DEMO = "/usr/bin/dqlite-demo";
    private static final long READY_MS = 30_000;

    private final Path dir;
    private final List<String> addresses = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    private DqliteCluster(Path dir) {
        this.dir = dir;
    }

    /** Skips the calling test if dqlite-demo is missing. */
    static void assumeInstalled() {
        assumeTrue(new File(DEMO).canExecute(), DEMO + " is not installed (apt-get install go-dqlite); dqlite tests"
                + " need a real node");
    }

    /** Starts {@code nodes} nodes, the later ones joining the first, and waits until all are voters. */
    static DqliteCluster start(Path dir, int nodes) throws Exception {
        assumeInstalled();
        DqliteCluster c = new DqliteCluster(dir);
        try {
            for (int i = 0; i < nodes; i++) {
                c.startNode(i == 0 ? null : c.addresses.get(0));
                c.awaitMembers(i + 1, false);
            }
            // the nodes promote themselves to voters once there are enough of them
            c.awaitMembers(nodes, true);
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private void startNode(String join) throws IOException {
        int n = addresses.size();
        String db = "127.0.0.1:" + freePort();
        String api = "127.0.0.1:" + freePort();
        Path data = Files.createDirectories(dir.resolve("node" + n));
        List<String> cmd = new ArrayList<>(List.of(DEMO, "-a", api, "-d", db, "-D", data.toString()));
        if (join != null) {
            cmd.add("-j");
            cmd.add(join);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(data.resolve("log").toFile()).start();
        addresses.add(db);
        processes.add(p);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until the leader reports {@code wanted} members (only voters, if {@code voters}). */
    private void awaitMembers(int wanted, boolean voters) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MS);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException("dqlite node " + addresses.get(i) + " exited: "
                            + Files.readString(dir.resolve("node" + i).resolve("log")));
                }
            }
            try {
                int v = countMembers(voters);
                if (v >= wanted) {
                    return;
                }
                last = v + (voters ? " voters" : " members");
            } catch (IOException | ServerFailure e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the dqlite cluster did not reach " + wanted + (voters ? " voters" : " members")
                + " within " + READY_MS
                + " ms: " + last);
    }

    private int countMembers(boolean onlyVoters) throws IOException, ServerFailure {
        String leader = leader();
        if (leader.isEmpty()) {
            return 0;
        }
        try (NodeConnection n = NodeConnection.open(leader, 2000)) {
            Response r = n.call(new Request(Wire.REQUEST_CLUSTER).uint64(1));
            long count = r.uint64();
            int voters = 0;
            for (long i = 0; i < count; i++) {
                r.uint64();
                r.text();
                if (r.uint64() == 0 || !onlyVoters) {
                    voters++;
                }
            }
            return voters;
        }
    }

    /** The leader's address as any live node reports it, or "" if none knows. */
    String leader() throws IOException, ServerFailure {
        IOException last = null;
        for (int i = 0; i < addresses.size(); i++) {
            if (!processes.get(i).isAlive()) {
                continue;
            }
            try (NodeConnection n = NodeConnection.open(addresses.get(i), 2000)) {
                Response r = n.call(new Request(Wire.REQUEST_LEADER).uint64(0));
                r.uint64();
                String leader = r.text();
                if (!leader.isEmpty()) {
                    return leader;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        return "";
    }

    List<String> addresses() {
        return addresses;
    }

    /** The URL target naming every node. */
    String target(String database) {
        return Target.DQLITE_SCHEME + String.join(",", addresses) + "/" + database;
    }

    /** kill -9 of the node at {@code address}; waits until the process is gone. */
    void kill(String address) throws InterruptedException {
        Process p = processes.get(addresses.indexOf(address));
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
