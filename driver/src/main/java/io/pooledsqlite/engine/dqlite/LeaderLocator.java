package io.pooledsqlite.engine.dqlite;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the leader of a cluster from any reachable node and opens a session on it: asks each node who
 * leads, follows the answer, registers as a client and opens the database. While the cluster elects a
 * leader (or has no quorum) it asks again, with short pauses, until the deadline; then the error names
 * every address tried and why each one failed.
 */
final class LeaderLocator {
    private static final AtomicLong CLIENT_IDS = new AtomicLong(System.nanoTime() & 0xffffffL);
    private static final long FIRST_PAUSE_MS = 50;
    private static final long MAX_PAUSE_MS = 500;
    /**
     * The most one node may take to connect and answer during the search, so that a silent node cannot
     * use up the whole connection timeout before the others are asked.
     */
    static final long ATTEMPT_TIMEOUT_MS = 2_000;

    private final List<String> addresses;
    private final String database;
    private volatile String lastLeader;
    private volatile LeaderTerm term;

    LeaderLocator(List<String> addresses, String database) {
        this.addresses = addresses;
        this.database = database;
    }

    /**
     * A session on the leader, within {@code timeoutMs}.
     *
     * @throws SQLException {@code 08001} when no leader answered in time, naming each address and what
     *     it said; {@code 08004} when the leader refused the database name
     */
    DqliteSession connect(long timeoutMs, int readTimeoutMs) throws SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        Map<String, String> why = new LinkedHashMap<>();
        long pause = FIRST_PAUSE_MS;
        while (true) {
            String known = lastLeader;
            if (known != null) {
                DqliteSession s = attempt(known, deadline, readTimeoutMs, why);
                if (s != null) {
                    return s;
                }
            }
            for (String address : addresses) {
                if (address.equals(known)) {
                    continue;
                }
                DqliteSession s = attempt(address, deadline, readTimeoutMs, why);
                if (s != null) {
                    return s;
                }
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw noLeader(timeoutMs, why);
            }
            try {
                Thread.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("Interrupted while looking for the dqlite leader of "
                        + addresses, "08001", e);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_MS);
        }
    }

    /** Asks one node, and the leader it names; a session, or null with the reason recorded. */
    private DqliteSession attempt(String address, long deadline, int readTimeoutMs, Map<String, String> why)
            throws SQLException {
        String leader;
        NodeConnection probe = null;
        try {
            probe = open(address, deadline);
            if (probe == null) {
                why.putIfAbsent(address, "no time left to connect");
                return null;
            }
            leader = askLeader(probe);
            if (leader.isEmpty()) {
                why.put(address, "reachable, but knows no leader (an election is under way or there is no quorum)");
                return null;
            }
            if (leader.equals(address)) {
                DqliteSession s = register(probe, address, readTimeoutMs, why);
                probe = null;
                return s;
            }
        } catch (IOException | ServerFailure e) {
            why.put(address, describe(e));
            return null;
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
        NodeConnection candidate = null;
        try {
            candidate = open(leader, deadline);
            if (candidate == null) {
                why.put(address, "names " + leader + " as leader; no time left to connect to it");
                return null;
            }
            String again = askLeader(candidate);
            if (!again.equals(leader)) {
                why.put(address, "names " + leader + " as leader, but " + leader + " names "
                        + (again.isEmpty() ? "no leader" : again));
                return null;
            }
            DqliteSession s = register(candidate, leader, readTimeoutMs, why);
            candidate = null;
            return s;
        } catch (IOException | ServerFailure e) {
            why.put(address, "names " + leader + " as leader, which failed: " + describe(e));
            return null;
        } finally {
            if (candidate != null) {
                candidate.close();
            }
        }
    }

    /** Registers as a client and opens the database on the leader. */
    private DqliteSession register(NodeConnection node, String address, int readTimeoutMs, Map<String, String> why)
            throws IOException, ServerFailure, SQLException {
        NodeConnection.check(node.call(new Request(Wire.REQUEST_CLIENT).uint64(CLIENT_IDS.incrementAndGet())),
                Wire.RESPONSE_WELCOME);
        Response db;
        try {
            node.send(new Request(Wire.REQUEST_OPEN).text(database).uint64(0).text("volatile"));
            db = node.expect(Wire.RESPONSE_DB);
        } catch (ServerFailure refused) {
            throw new SQLNonTransientConnectionException("dqlite leader " + address + " refused to open database '"
                    + database + "': " + refused.getMessage() + " (code " + refused.code() + ")", "08004",
                    refused.code());
        }
        int id = db.uint32();
        node.readTimeout(readTimeoutMs);
        lastLeader = address;
        why.remove(address);
        return new DqliteSession(node, id, termOf(address));
    }

    /** The current term of the leader at {@code address}: shared until a session finds it lost. */
    private synchronized LeaderTerm termOf(String address) {
        LeaderTerm t = term;
        if (t == null || t.lost() || !t.address().equals(address)) {
            t = new LeaderTerm(address);
            term = t;
        }
        return t;
    }

    private static NodeConnection open(String address, long deadline) throws IOException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            return null;
        }
        return NodeConnection.open(address, (int) Math.max(1, Math.min(left, ATTEMPT_TIMEOUT_MS)));
    }

    private static String askLeader(NodeConnection node) throws IOException, ServerFailure {
        Response r = node.call(new Request(Wire.REQUEST_LEADER).uint64(0));
        NodeConnection.check(r, Wire.RESPONSE_NODE);
        r.uint64();
        return r.text();
    }

    private static String describe(Exception e) {
        if (e instanceof ProtocolViolation) {
            return "does not speak the dqlite protocol (" + e.getMessage() + ")";
        }
        if (e instanceof ServerFailure) {
            return "refused: " + e.getMessage() + " (code " + ((ServerFailure) e).code() + ")";
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private SQLException noLeader(long timeoutMs, Map<String, String> why) {
        StringBuilder b = new StringBuilder("No dqlite leader for database '").append(database)
                .append("' within ").append(timeoutMs).append(" ms; tried");
        for (String address : addresses) {
            b.append(' ').append(address).append(" (").append(why.getOrDefault(address, "not tried")).append(')');
        }
        for (Map.Entry<String, String> e : why.entrySet()) {
            if (!addresses.contains(e.getKey())) {
                b.append(' ').append(e.getKey()).append(" (").append(e.getValue()).append(')');
            }
        }
        return new SQLTransientConnectionException(b.toString(), "08001");
    }
}
