package io.pooledsqlite.engine;

import io.roastedroot.sqlite4j.core.DB;
import io.roastedroot.sqlite4j.jdbc4.JDBC4Connection;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A sqlite4j connection to a database file that keeps the file on disk up to date. sqlite4j copies the
 * file into an in-memory file system and never writes it back; this connection runs the in-memory copy
 * in WAL mode (exclusive locking: sqlite4j has no shared memory) and copies the committed log to disk
 * ({@link WalMirror}). When the log on disk outgrows the database (at least
 * {@value WasmEngine#CHECKPOINT_PROPERTY} bytes) it is folded into the database file on disk and both
 * logs restart, so the log never holds more than about one database's worth of pages.
 *
 * <p>It is the physical connection itself (a subclass, not a wrapper) so that closing it writes what is
 * still only in memory before sqlite4j drops the in-memory copy. Used by one thread at a time: sqlite4j
 * is compiled single-threaded and {@link WasmEngine} lends one connection per database.
 */
final class WasmConnection extends JDBC4Connection {
    private static final long SQLITE_SHARED_FIRST = 0x40000000L + 2;
    private static final long SQLITE_SHARED_SIZE = 510;
    private final WasmEngine engine;
    private final Path file;
    private final FileSystem memory;
    private final WalMirror mirror;
    /** The file on disk, open for folding the log into it and for the lock that keeps native SQLite out. */
    private final FileChannel database;
    private final Runnable onClose;
    /** {@code synchronous=FULL}: sync the log at every commit, not only when folding and closing. */
    private final boolean syncEachCommit;
    private long lastWriteNanos = System.nanoTime();

    WasmConnection(WasmEngine engine, Path file, Properties settings, String cacheSize, boolean syncEachCommit,
                   Runnable onClose) throws SQLException {
        super("jdbc:sqlite:" + file, file.toString(), settings);
        this.engine = engine;
        this.syncEachCommit = syncEachCommit;
        this.file = file;
        this.onClose = onClose;
        WalMirror m = null;
        FileChannel db = null;
        try {
            this.memory = memoryFileSystem(getDatabase());
            WasmEngine.remember(memory);
            switchToWal();
            try (Statement s = createStatement()) {
                // syncing the in-memory file would sync nothing; the copy on disk is synced instead
                s.execute("PRAGMA synchronous = OFF");
                if (cacheSize != null) {
                    s.execute("PRAGMA cache_size = " + Integer.parseInt(cacheSize.trim()));
                }
            }
            db = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            keepNativeSqliteOut(db);
            m = new WalMirror(memory.getPath(file + "-wal"), Path.of(file + "-wal"));
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(db);
            try {
                super.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            // the engine releases the lock: it does so for every failure to open
            throw e instanceof SQLException ? (SQLException) e
                    : new SQLException("Cannot open " + file + " on the wasm engine: " + e.getMessage(), "08001", e);
        }
        this.mirror = m;
        this.database = db;
    }

    /**
     * Takes, for as long as this connection is open, the lock a native SQLite reader needs first (a
     * shared lock on SQLite's 510 "shared" bytes after 1 GiB + 2, which are never written): native
     * processes then get {@code SQLITE_BUSY} ("database is locked") instead of writing beside this
     * engine. The lock goes with this channel, which is why the log is folded through it: closing any
     * other descriptor of the file in this process would drop the lock (POSIX semantics).
     */
    private void keepNativeSqliteOut(FileChannel db) throws IOException, SQLException {
        if (db.tryLock(SQLITE_SHARED_FIRST, SQLITE_SHARED_SIZE, false) == null) {
            throw new SQLException(file + " is open in another process; the wasm engine cannot share it", "55006");
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing a file we only read or locked loses nothing
            }
        }
    }

    /**
     * Puts the in-memory copy in WAL mode. If the file on disk was not in WAL mode yet, the switch changed
     * the in-memory file's header, so the disk copy is replaced by it once (atomically); an empty database
     * first gets its first page, because SQLite ignores the log of an empty database file.
     */
    private void switchToWal() throws SQLException, IOException {
        try (Statement s = createStatement()) {
            if ("wal".equalsIgnoreCase(query(s, "PRAGMA journal_mode"))) {
                s.execute("PRAGMA wal_autocheckpoint = 0");
                return;
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
        }
        try (FileChannel in = FileChannel.open(memory.getPath(file.toString()), StandardOpenOption.READ)) {
            Durable.replace(file, in);
        }
    }

    private static String query(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** sqlite4j keeps its in-memory file system private; the log can only be copied by reaching it. */
    private static FileSystem memoryFileSystem(DB db) throws SQLException {
        try {
            Field f = db.getClass().getDeclaredField("fs");
            f.setAccessible(true);
            return (FileSystem) f.get(db);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new SQLException("This sqlite4j version does not expose its in-memory file system, so the wasm"
                    + " engine cannot keep the database file up to date", "0A000", e);
        }
    }

    /** After a commit: writes it to disk if the policy says so now. */
    void afterCommit(DurabilityPolicy policy) throws SQLException {
        long now = System.nanoTime();
        if (policy.due(lastWriteNanos, now)) {
            writeToDisk();
        }
    }

    /** Copies the committed log to disk (synced if {@code synchronous=FULL}); folds it in once it is large. */
    void writeToDisk() throws SQLException {
        writeToDisk(syncEachCommit);
    }

    private void writeToDisk(boolean sync) throws SQLException {
        try {
            mirror.copyCommitted(sync);
            lastWriteNanos = System.nanoTime();
            if (mirror.size() > Math.max(engine.checkpointBytes(), Files.size(file))) {
                checkpoint();
            }
        } catch (IOException e) {
            throw new SQLException("Committed in memory, but could not write the commit to " + file + ": "
                    + e.getMessage(), "58030", e);
        }
    }

    /**
     * Folds the log into the database on disk (synced), then restarts the in-memory log, then empties the
     * log on disk. A crash between the steps leaves a log whose pages are already in the database:
     * recovering it again changes nothing.
     */
    private void checkpoint() throws SQLException, IOException {
        // the log must be durable before the database changes: a torn fold is repaired from it
        mirror.channel().force(false);
        WalFile.foldInto(database, mirror.channel());
        try (Statement s = createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (rs.next() && rs.getInt(1) != 0) {
                return; // busy: the in-memory log was not restarted, so neither is the one on disk
            }
        }
        mirror.reset();
    }

    /** Writes what is still only in memory, then closes; the in-memory copy is dropped by sqlite4j. */
    @Override
    public void close() throws SQLException {
        if (isClosed()) {
            return;
        }
        SQLException failure = null;
        try {
            writeToDisk(true);
        } catch (SQLException e) {
            failure = e;
        }
        try {
            super.close();
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        } finally {
            WasmEngine.forget(memory, file);
            try {
                mirror.close();
            } catch (IOException e) {
                // the log was synced by writeToDisk; closing a synced file cannot lose it
            }
            closeQuietly(database);
            onClose.run();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
