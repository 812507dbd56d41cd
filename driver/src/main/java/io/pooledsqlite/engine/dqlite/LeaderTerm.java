package io.pooledsqlite.engine.dqlite;

/**
 * One leader as the sessions opened on it know it. When one session finds the leader gone (its connection
 * closed, or the node stopped leading), the others on the same term fail their next request before
 * sending it: a statement that was never sent is certainly not applied, where sending it to a dead leader
 * would leave its outcome unknown.
 */
final class LeaderTerm {
    private final String address;
    private volatile String lostBecause;

    LeaderTerm(String address) {
        this.address = address;
    }

    String address() {
        return address;
    }

    boolean lost() {
        return lostBecause != null;
    }

    String lostBecause() {
        return lostBecause;
    }

    void markLost(String why) {
        if (lostBecause == null) {
            lostBecause = why;
        }
    }
}
