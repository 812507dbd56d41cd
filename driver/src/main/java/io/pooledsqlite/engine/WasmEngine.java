package io.pooledsqlite.engine;

import io.pooledsqlite.config.Target;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Pure-Java SQLite (io.roastedroot:sqlite4j, SQLite compiled to WebAssembly), for platforms where no
 * native library loads. sqlite4j is single-threaded and works on an in-memory copy of the file, so this
 * engine:
 * <ul>
 *   <li>lends one connection per database ({@link #maxConnections}) and opens the next only after the
 *       previous one closed;
 *   <li>holds an OS lock on {@code <database>-pooledsqlite.lock} while a connection is open, so no other
 *       pool or process runs the same file on this engine at the same time, and locks native SQLite out
 *       of the file ({@link SqliteLocks}) before touching it or its journals;
 *   <li>puts the file, its log and a hot journal into sqlite4j's in-memory file system itself
 *       ({@link MemoryFiles}), so SQLite's own recovery runs on what a crashed process left;
 *   <li>makes every commit durable by the {@link DurabilityPolicy} ({@link WasmConnection}, {@link WalMirror});
 *   <li>runs the in-memory copy with {@code locking_mode=EXCLUSIVE}, WAL and {@code synchronous=OFF}, and
 *       ignores {@code mmap_size}; the {@code synchronous} setting applies to the copy on disk instead, with
 *       native WAL's meaning: {@code FULL}/{@code EXTRA} sync every commit, {@code NORMAL}/{@code OFF} write
 *       every commit before {@code commit()} returns (surviving a crash of the process) and sync when the log
 *       is folded into the file and when the connection closes.
 * </ul>
 * Connections are sqlite4j's own connection class constructed directly, never through
 * {@code DriverManager}, where sqlite4j and sqlite-jdbc both claim {@code jdbc:sqlite:}.
 */
public final class WasmEngine implements Engine {
    /** Minimum size in bytes the log on disk reaches before it is folded into the database. */
    static final String CHECKPOINT_PROPERTY = "pooledsqlite.wasm.checkpointBytes";
    private static final long DEFAULT_CHECKPOINT_BYTES = 4L << 20;
    private static final System.Logger LOG = System.getLogger(WasmEngine.class.getName());
    /** Heap kept free beside the copy of the file: sqlite4j's WebAssembly instance and page cache. */
    private static final long HEAP_RESERVE = 64L << 20;
    private static final String[] IGNORED = {"journal_mode", "mmap_size", "locking_mode"};

    private final DurabilityPolicy policy;
    private final long checkpointBytes;
    private final Semaphore oneAtATime = new Semaphore(1, true);
    private volatile boolean settingsReported;

    private WasmEngine(DurabilityPolicy policy, long checkpointBytes) {
        this.policy = policy;
        this.checkpointBytes = checkpointBytes;
    }

    /** The engine, if sqlite4j is on the class path; {@code why} says why it was chosen, for the error. */
    static WasmEngine create(String why) throws SQLException {
        try {
            Class.forName("io.roastedroot.sqlite4j.jdbc4.JDBC4Connection", false, WasmEngine.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new SQLException("No SQLite engine available: " + why + ", and the pure-Java engine"
                    + " io.roastedroot:sqlite4j is not on the class path", "08001", e);
        }
        long checkpoint;
        try {
            checkpoint = Long.parseLong(System.getProperty(CHECKPOINT_PROPERTY, Long.toString(DEFAULT_CHECKPOINT_BYTES)));
        } catch (NumberFormatException e) {
            throw new SQLException("Bad value for system property " + CHECKPOINT_PROPERTY + ": expected bytes",
                    "22023", e);
        }
        return new WasmEngine(DurabilityPolicy.fromSystemProperty(), checkpoint);
    }

    /** sqlite4j's files live in its in-memory file system: an attached or vacuumed-into file would too. */
    @Override
    public boolean reachesOtherFiles() {
        return false;
    }

    @Override
    public String name() {
        return "wasm";
    }

    /** One: sqlite4j is compiled single-threaded and each connection would hold its own copy of the file. */
    @Override
    public int maxConnections(int requested) {
        return 1;
    }

    /** The durability policy, as words for logs. */
    String policy() {
        return policy.toString();
    }

    long checkpointBytes() {
        return checkpointBytes;
    }

    @Override
    public Connection open(String target, Properties sqliteSettings) throws SQLException {
        Properties settings = translate(sqliteSettings);
        Target where = Target.parse(target);
        if (where.inMemory()) {
            synchronized (MemoryFiles.LOCK) {
                return new io.roastedroot.sqlite4j.jdbc4.JDBC4Connection("jdbc:sqlite::memory:", ":memory:", settings);
            }
        }
        Path file = fileOf(where);
        long waitMs = Long.parseLong(sqliteSettings.getProperty("busy_timeout", "5000"));
        try {
            if (!oneAtATime.tryAcquire(Math.max(waitMs, 1000), TimeUnit.MILLISECONDS)) {
                throw new SQLException("The wasm engine's connection to " + file + " did not close in time",
                        "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while opening " + file, "08001", e);
        }
        FileLock own = null;
        FileChannel db = null;
        DiskLog log = null;
        WalMirror mirror = null;
        try {
            own = lock(file);
            db = openLocked(file);
            Path journal = hotJournal(file);
            log = DiskLog.open(Paths.get(file + "-wal"), db.size() == 0);
            Files.deleteIfExists(Paths.get(file + "-shm")); // no native process uses it: we hold the lock it needs
            requireHeap(file, db.size() + log.size());
            synchronized (MemoryFiles.LOCK) {
                FileSystem memory = MemoryFiles.current();
                copyIn(memory, file, db, log, journal);
                mirror = new WalMirror(file, db, log, memory.getPath(file.toString()),
                        memory.getPath(file + "-wal"));
                WalMirror m = mirror;
                FileLock held = own;
                return new WasmConnection(this, file, memory, mirror, settings, sqliteSettings.getProperty("cache_size"),
                        syncsEachCommit(sqliteSettings.getProperty("synchronous", "NORMAL")), journal, () -> {
                            closeQuietly(m.database());
                            closeQuietly(m.log().channel());
                            release(held);
                        });
            }
        } catch (IOException e) {
            closeAll(db, log, mirror, own);
            throw new SQLException("Cannot open " + file + " on the wasm engine: " + e.getMessage(), "08001", e);
        } catch (SQLException | RuntimeException e) {
            closeAll(db, log, mirror, own);
            throw e;
        } catch (OutOfMemoryError e) {
            closeAll(db, log, mirror, own);
            throw tooLarge(file, e);
        }
    }

    private void closeAll(FileChannel db, DiskLog log, WalMirror mirror, FileLock own) {
        closeQuietly(db);
        closeQuietly(log == null ? null : log.channel());
        closeQuietly(mirror == null ? null : mirror.database());
        release(own);
    }

    /**
     * Opens the database file (creating an empty one, as SQLite does) and locks every native SQLite
     * connection out of it, before anything else touches it or its journals: a file another process has
     * open (in any journal mode, idle or in a transaction) is refused without being changed.
     */
    private static FileChannel openLocked(Path file) throws IOException, SQLException {
        FileChannel db = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (SqliteLocks.lockOut(db) == null) {
                throw new SQLException(file + " is open in another process (it holds SQLite's lock on the file);"
                        + " the wasm engine cannot share it", "55006");
            }
            if (SqliteLocks.walInUse(Paths.get(file + "-shm"))) {
                throw new SQLException(file + " is open in another process (SQLite WAL mode); the wasm engine"
                        + " cannot share it", "55006");
            }
            return db;
        } catch (IOException | SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * The rollback journal a crashed process left, or null. SQLite (in sqlite4j) rolls it back when it
     * reads the copy. A journal that names a super-journal still on disk belongs to a multi-database
     * transaction whose other files this engine cannot see: such a file is refused.
     */
    private static Path hotJournal(Path file) throws IOException, SQLException {
        Path journal = Paths.get(file + "-journal");
        if (!Files.exists(journal) || Files.size(journal) == 0) {
            return null;
        }
        String superJournal = RollbackJournal.superJournal(journal);
        if (superJournal != null && Files.exists(file.resolveSibling(superJournal))) {
            throw new SQLException(file + " has a hot journal of a multi-database transaction (" + superJournal
                    + "); open it once with native SQLite to recover it", "55000");
        }
        return journal;
    }

    /** The copy lives in the heap: refuse a file that cannot fit rather than fail half-way with OutOfMemoryError. */
    private static void requireHeap(Path file, long bytes) throws SQLException {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes + HEAP_RESERVE > free) {
            throw new SQLException(file + " (" + (bytes >> 20) + " MiB with its log) does not fit in the heap ("
                    + (free >> 20) + " MiB free of " + (rt.maxMemory() >> 20) + " MiB): the wasm engine keeps a copy"
                    + " of the database in the heap; raise -Xmx or use the native engine", "53200");
        }
    }

    private static SQLException tooLarge(Path file, OutOfMemoryError e) {
        return new SQLException("The heap ran out while copying " + file + " into memory: the wasm engine keeps"
                + " a copy of the database in the heap; raise -Xmx or use the native engine", "53200", e);
    }

    /**
     * {@code clearBatch()} alone, as on the native engine: sqlite4j is a port of sqlite-jdbc and binds every
     * parameter from the same kind of array, which {@code clearBatch()} empties (see
     * {@link NativeEngine#clearParameters}); its {@code sqlite3_clear_bindings} is a call into the module.
     */
    @Override
    public void clearParameters(PreparedStatement physical) throws SQLException {
        physical.clearBatch();
    }

    /** Puts the file, its log's committed frames and a hot journal into sqlite4j's in-memory file system. */
    private static void copyIn(FileSystem memory, Path file, FileChannel db, DiskLog log, Path journal)
            throws IOException {
        MemoryFiles.delete(memory, file);
        Path target = memory.getPath(file.toString());
        Files.createDirectories(target.getParent());
        copy(db, db.size(), target);
        if (log.size() > 0) {
            copy(log.channel(), log.size(), memory.getPath(file + "-wal"));
        }
        if (journal != null) {
            try (FileChannel in = FileChannel.open(journal, StandardOpenOption.READ)) {
                copy(in, in.size(), memory.getPath(file + "-journal"));
            }
        }
    }

    private static void copy(FileChannel in, long length, Path target) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long done = 0;
            while (done < length) {
                done += in.transferTo(done, length - done, out);
            }
        }
    }

    @Override
    public void afterCommit(Connection physical) throws SQLException {
        if (physical instanceof WasmConnection) {
            ((WasmConnection) physical).afterCommit(policy);
        }
    }

    /** Takes the OS lock that keeps other processes' wasm engines off this file. */
    private static FileLock lock(Path file) throws SQLException {
        Path lockFile = Paths.get(file + "-pooledsqlite.lock");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException e) {
            // another pool of this JVM has it
        } catch (IOException e) {
            closeQuietly(ch);
            throw new SQLException("Cannot lock " + lockFile + ": " + e.getMessage(), "08001", e);
        }
        closeQuietly(ch);
        throw new SQLException(file + " is in use by another pool or process on the wasm engine (" + lockFile
                + " is locked); sqlite4j cannot share a database file", "55006");
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing a lock file failed", e);
            }
        }
    }

    /** Closes the lock file (which releases its lock) and lets the next connection open. */
    private void release(FileLock lock) {
        try {
            if (lock != null) {
                closeQuietly(lock.channel());
            }
        } finally {
            oneAtATime.release();
        }
    }

    /** The settings sqlite4j gets: those it cannot honour replaced, reported once per pool. */
    Properties translate(Properties requested) {
        Properties p = new Properties();
        p.putAll(requested);
        StringBuilder dropped = new StringBuilder();
        for (String key : IGNORED) {
            Object v = p.remove(key);
            if (v != null) {
                dropped.append(dropped.length() == 0 ? "" : ", ").append(key).append('=').append(v);
            }
        }
        p.setProperty("locking_mode", "EXCLUSIVE");
        // sqlite4j applies these before locking_mode, and reading a WAL file without exclusive locking
        // fails: WasmConnection sets them after opening (synchronous applies to the copy on disk)
        p.remove("cache_size");
        p.remove("synchronous");
        if (!settingsReported && dropped.length() > 0) {
            settingsReported = true;
            LOG.log(System.Logger.Level.INFO, "wasm engine: not applying " + dropped + "; sqlite4j runs its"
                    + " in-memory copy with locking_mode=EXCLUSIVE, journal_mode=WAL, no mmap; commits are written to"
                    + " disk per " + policy + " and synced as synchronous=" + requested.getProperty("synchronous",
                    "NORMAL") + " says");
        }
        return p;
    }

    /** {@code FULL} and {@code EXTRA} (by name or number) sync each commit, as native SQLite does in WAL mode. */
    static boolean syncsEachCommit(String synchronous) {
        String s = synchronous.trim().toUpperCase(Locale.ROOT);
        return s.equals("FULL") || s.equals("EXTRA") || s.equals("2") || s.equals("3");
    }

    /** sqlite4j copies plain files only; URI options would be lost, so they are refused. */
    private static Path fileOf(Target target) throws SQLException {
        if (target.hasUriParameters()) {
            throw new SQLException("The wasm engine opens plain database files; URI options are not supported: "
                    + target, "0A000");
        }
        if (target.file() == null) {
            throw new SQLException("The wasm engine opens plain database files, not " + target, "0A000");
        }
        return target.file().normalize();
    }
}
