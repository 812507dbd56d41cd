package io.pooledsqlite.bench;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;

/** One benchmark trial's database and contender, set up before measuring and torn down after. */
public final class Trial implements AutoCloseable {

    /** Creates the tables a workload needs in a fresh file. */
    @FunctionalInterface
    public interface SchemaSetup {
        void create(Path file) throws SQLException;
    }

    private final ScratchDatabase database;
    private final ConnectionSource source;

    private Trial(ScratchDatabase database, ConnectionSource source) {
        this.database = database;
        this.source = source;
    }

    /** A fresh database built by {@code schema}, opened by the contender named {@code peer}. */
    public static Trial open(String peer, SchemaSetup schema, Map<String, String> sqliteSettings)
            throws SQLException {
        ScratchDatabase database = ScratchDatabase.create("bench");
        try {
            schema.create(database.file());
            return new Trial(database, Peer.byLabel(peer).open(database.file(), sqliteSettings));
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The contender's connections. */
    public ConnectionSource source() {
        return source;
    }

    /** The database file. */
    public Path file() {
        return database.file();
    }

    @Override
    public void close() throws SQLException {
        try {
            source.close();
        } finally {
            database.close();
        }
    }
}
