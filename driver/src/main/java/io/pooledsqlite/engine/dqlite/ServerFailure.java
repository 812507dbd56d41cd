package io.pooledsqlite.engine.dqlite;

/**
 * A FAILURE response: the node refused the request with an SQLite (or dqlite) result code and a message.
 * The connection stays usable.
 */
final class ServerFailure extends Exception {
    private static final long serialVersionUID = 1L;
    /** dqlite's own extended code of SQLITE_IOERR: this node is not the leader. */
    static final int NOT_LEADER = 10 | (40 << 8);
    /** dqlite's own extended code of SQLITE_IOERR: the node lost leadership while committing. */
    static final int LEADERSHIP_LOST = 10 | (41 << 8);

    private final int code;

    ServerFailure(int code, String message) {
        super(message);
        this.code = code;
    }

    /** The code the node sent: an SQLite extended result code, or one of dqlite's own. */
    int code() {
        return code;
    }

    boolean notLeader() {
        return code == NOT_LEADER;
    }

    boolean leadershipLost() {
        return code == LEADERSHIP_LOST;
    }
}
