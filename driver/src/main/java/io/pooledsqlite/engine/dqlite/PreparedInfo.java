package io.pooledsqlite.engine.dqlite;

/** A statement prepared on the leader: its id there and how many parameters it takes. */
final class PreparedInfo {
    final int id;
    final int parameterCount;

    PreparedInfo(int id, int parameterCount) {
        this.id = id;
        this.parameterCount = parameterCount;
    }
}
