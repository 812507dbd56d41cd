package io.pooledsqlite.engine;

import io.roastedroot.sqlite4j.jdbc4.JDBC4Connection;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/**
 * A sqlite4j connection to a database file that keeps the file on disk up to date. sqlite4j runs on an
 * in-memory copy and never writes it back; this connection runs the copy in WAL mode (exclusive locking:
 * sqlite4j has no shared memory) and brings every commit to disk through a {@link WalMirror}. When the log
 * on disk outgrows the database (at least {@value WasmEngine#CHECKPOINT_PROPERTY} bytes) it is folded
 * into the database file and both logs restart, so the log never holds more than about one database's
 * worth of pages.
 *
 * <p>If a commit cannot be written to disk, the connection discards its in-memory copy at once and closes:
 * what failed never becomes durable later, and the next connection starts again from what is on disk.
 *
 * <p>It is the physical connection itself (a subclass, not a wrapper) so that closing it writes what is
 * still only in memory before sqlite4j drops the in-memory copy. Used by one thread at a time: sqlite4j
 * is compiled single-threaded and {@link WasmEngine} lends one connection per database.
 */
final class WasmConnection extends JDBC4Connection {
    private static final System.Logger LOG = System.getLogger(WasmConnection.class.getName());
    private final WasmEngine engine;
    private final Path file;
    private final FileSystem memory;
    private final WalMirror mirror;
    private final Runnable onClose;
    /** {@code synchronous=FULL}: sync the log at every commit, not only when folding and closing. */
    private final boolean syncEachCommit;
    private long lastWriteNanos = System.nanoTime();
    /** Set when a write to disk failed: nothing more is written, and the in-memory copy is dropped. */
    private boolean discarded;
    private boolean closed;

    /**
     * Opens the copy that {@link WasmEngine} put into {@code memory}; call under {@link MemoryFiles#LOCK}.
     * {@code journal} is the rollback journal SQLite rolled back from, deleted once the result is on disk.
     */
    WasmConnection(WasmEngine engine, Path file, FileSystem memory, WalMirror mirror, Properties settings,
                   String cacheSize, boolean syncEachCommit, Path journal, Runnable onClose) throws SQLException {
        super("jdbc:sqlite:" + file, file.toString(), settings);
        this.engine = engine;
        this.syncEachCommit = syncEachCommit;
        this.file = file;
        this.onClose = onClose;
        this.memory = memory;
        this.mirror = mirror;
        try {
            if (MemoryFiles.of(getDatabase()) != memory) {
                throw new SQLException("Another sqlite4j user in this JVM closed its in-memory file system while "
                        + file + " was being opened; try again", "08001");
            }
            boolean switched = switchToWal();
            try (Statement s = createStatement()) {
                // syncing the in-memory file would sync nothing; the copy on disk is synced instead
                s.execute("PRAGMA synchronous = OFF");
                if (cacheSize != null) {
                    s.execute("PRAGMA cache_size = " + Integer.parseInt(cacheSize.trim()));
                }
            }
            mirror.start(switched || journal != null);
            mirror.log().force();
            if (journal != null) {
                // the rolled-back state is on disk: the journal must not be rolled back over later commits
                Files.deleteIfExists(journal);
                Durable.syncDirectory(file.toAbsolutePath().getParent());
                LOG.log(System.Logger.Level.INFO, "Rolled back the hot journal {0} left by a crashed process", journal);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                super.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            forgetCopy();
            // the engine closes the files and releases the locks: it does so for every failure to open
            throw e instanceof SQLException ? (SQLException) e
                    : new SQLException("Cannot open " + file + " on the wasm engine: " + e.getMessage(), "08001", e);
        }
    }

    /**
     * Puts the in-memory copy in WAL mode; true if it was not yet (its header changed). An empty database
     * first gets its first page, because SQLite ignores the log of an empty database file.
     */
    private boolean switchToWal() throws SQLException {
        try (Statement s = createStatement()) {
            if ("wal".equalsIgnoreCase(query(s, "PRAGMA journal_mode"))) {
                s.execute("PRAGMA wal_autocheckpoint = 0");
                return false;
            }
            if ("0".equals(query(s, "PRAGMA page_count"))) {
                s.execute("PRAGMA user_version = " + query(s, "PRAGMA user_version"));
            }
            String mode = query(s, "PRAGMA journal_mode = WAL");
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new SQLException("sqlite4j refused WAL mode for " + file + " (journal_mode=" + mode + ")",
                        "0A000");
            }
            s.execute("PRAGMA wal_autocheckpoint = 0");
            return true;
        }
    }

    private static String query(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** After a commit: writes it to disk if the policy says so now. */
    void afterCommit(DurabilityPolicy policy) throws SQLException {
        long now = System.nanoTime();
        if (policy.due(lastWriteNanos, now)) {
            writeToDisk(syncEachCommit);
        }
    }

    /**
     * Brings every commit to disk (synced if asked); folds the log into the file once it is large. If that
     * fails, the in-memory copy is dropped and the connection closed, so the commit never reaches the disk
     * later; the error says whether the commit is certainly not durable or its fate is unknown.
     */
    private void writeToDisk(boolean sync) throws SQLException {
        if (discarded) {
            throw new SQLException("The wasm engine's connection to " + file + " was closed after a failed write",
                    "08003");
        }
        long[] before = mirror.log().mark();
        boolean written = false;
        try {
            mirror.copyCommitted();
            written = true;
            if (sync) {
                mirror.log().force();
            }
            lastWriteNanos = System.nanoTime();
        } catch (IOException e) {
            throw discard(e, before, written);
        }
        try {
            if (mirror.log().size() > Math.max(engine.checkpointBytes(), mirror.database().size())) {
                checkpoint();
            }
        } catch (IOException e) {
            // the commits are safe in the log, which keeps them until a later fold succeeds
            LOG.log(System.Logger.Level.WARNING, "Could not fold the log of " + file + " into it: " + e.getMessage());
        }
    }

    /**
     * Folds the log on disk into the database (synced), then empties the in-memory log, which sqlite4j
     * would otherwise keep growing in the heap.
     */
    private void checkpoint() throws IOException, SQLException {
        mirror.log().foldInto(mirror.database());
        try (Statement s = createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (rs.next() && rs.getInt(1) == 0) {
                mirror.checkpointed();
            }
        }
    }

    /**
     * After a failed write to disk: cuts the log back to before it if nothing of it may count (the commit
     * frame is not known to be on disk) and drops the in-memory copy.
     */
    private SQLException discard(IOException cause, long[] before, boolean written) {
        discarded = true;
        boolean known = !written;
        if (known) {
            try {
                mirror.log().reset(before);
            } catch (IOException e) {
                cause.addSuppressed(e);
                known = false;
            }
        }
        closeDiscarding();
        String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        boolean full = why.toLowerCase(Locale.ROOT).contains("no space");
        if (known) {
            return new SQLException("The commit is not durable: it could not be written to " + file + " (" + why
                    + "); the connection's in-memory copy was discarded, so it will not be written later",
                    full ? "53100" : "58030", cause);
        }
        return new SQLException("Unknown whether the commit is durable: writing or syncing " + file + " failed ("
                + why + "); the connection's in-memory copy was discarded", "40003", cause);
    }

    /** Writes what is still only in memory, then closes; the in-memory copy is dropped by sqlite4j. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        SQLException failure = null;
        try {
            writeToDisk(true);
        } catch (SQLException e) {
            failure = e;
        }
        closeDiscarding();
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes sqlite4j's connection without writing anything, and the files on disk. */
    private void closeDiscarding() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            synchronized (MemoryFiles.LOCK) {
                try {
                    super.close();
                } finally {
                    forgetCopy();
                }
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing sqlite4j's connection to " + file + " failed", e);
        } finally {
            onClose.run();
        }
    }

    /** The in-memory copy must not outlive the connection: a later open would find it instead of the file. */
    private void forgetCopy() {
        if (memory.isOpen()) {
            try {
                MemoryFiles.delete(memory, file);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Could not drop the in-memory copy of " + file, e);
            }
        }
    }
}
