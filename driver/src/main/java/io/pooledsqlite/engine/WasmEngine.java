package io.pooledsqlite.engine;

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
 *       process (or pool) runs the same file on this engine at the same time; refuses a file that a
 *       native SQLite process has open in WAL mode, and holds the lock such a process would need to
 *       read it ({@link WasmConnection}) so none reads or writes it meanwhile;
 *   <li>folds a {@code -wal} left by a crashed process into the file before opening it
 *       ({@link WalFile#fold}), without needing the native library;
 *   <li>makes every commit durable by the {@link DurabilityPolicy} ({@link WasmConnection});
 *   <li>runs the in-memory copy with {@code locking_mode=EXCLUSIVE}, its own WAL and
 *       {@code synchronous=OFF}, and ignores {@code mmap_size}; the {@code synchronous} setting applies to
 *       the copy on disk instead, with native WAL's meaning: {@code FULL}/{@code EXTRA} sync every commit,
 *       {@code NORMAL}/{@code OFF} write every commit before {@code commit()} returns (surviving a crash of
 *       the process) and sync when the log is folded into the file and when the connection closes.
 * </ul>
 * Connections are sqlite4j's own connection class constructed directly, never through
 * {@code DriverManager}, where sqlite4j and sqlite-jdbc both claim {@code jdbc:sqlite:}.
 */
public final class WasmEngine implements Engine {
    /** Minimum size in bytes the log on disk reaches before it is folded into the database. */
    static final String CHECKPOINT_PROPERTY = "pooledsqlite.wasm.checkpointBytes";
    private static final long DEFAULT_CHECKPOINT_BYTES = 4L << 20;
    private static final System.Logger LOG = System.getLogger(WasmEngine.class.getName());
    /** The byte of {@code -shm} SQLite's unix VFS locks while a connection has the database open. */
    private static final long DMS_BYTE = 128;
    private static final String[] IGNORED = {"journal_mode", "mmap_size", "locking_mode"};
    /** sqlite4j's in-memory file system, shared by all its connections in this class loader. */
    private static volatile FileSystem memory;

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
        if (isInMemory(target)) {
            return new io.roastedroot.sqlite4j.jdbc4.JDBC4Connection("jdbc:sqlite::memory:", ":memory:", settings);
        }
        Path file = fileOf(target);
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
        try {
            own = lock(file);
            recover(file);
            FileLock held = own;
            return new WasmConnection(this, file, settings, sqliteSettings.getProperty("cache_size"),
                    syncsEachCommit(sqliteSettings.getProperty("synchronous", "NORMAL")), () -> release(held));
        } catch (SQLException | RuntimeException e) {
            release(own);
            throw e;
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

    /**
     * Before sqlite4j copies the file into memory: refuses it if a native SQLite process has it open in
     * WAL mode, folds a leftover {@code -wal} into it, and drops a stale in-memory copy from an earlier
     * connection (sqlite4j would open that instead of the file).
     */
    private static void recover(Path file) throws SQLException {
        try {
            Path shm = Paths.get(file + "-shm");
            if (Files.exists(shm)) {
                refuseIfLiveWal(file, shm);
            }
            int pages = WalFile.fold(file, Paths.get(file + "-wal"));
            if (pages > 0) {
                LOG.log(System.Logger.Level.INFO, "Recovered {0} committed pages from the write-ahead log of {1}",
                        pages, file);
            }
            FileSystem fs = memory;
            if (fs != null && fs.isOpen()) {
                deleteInMemoryCopy(fs, file);
            }
        } catch (IOException e) {
            throw new SQLException("Cannot recover " + file + " for the wasm engine: " + e.getMessage(), "58030", e);
        }
    }

    /** SQLite's WAL users hold a shared lock on byte 128 of {@code -shm} (its "DMS" lock) while open. */
    private static void refuseIfLiveWal(Path file, Path shm) throws IOException, SQLException {
        try (FileChannel ch = FileChannel.open(shm, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock(DMS_BYTE, 1, false);
            if (probe == null) {
                throw new SQLException(file + " is open in another process (SQLite WAL mode); the wasm engine"
                        + " cannot share it", "55006");
            }
            probe.release();
        } catch (OverlappingFileLockException e) {
            throw new SQLException(file + " is open in this JVM by another pool; the wasm engine cannot share it",
                    "55006", e);
        }
    }

    static void remember(FileSystem fs) {
        memory = fs;
    }

    /** After a connection closed: its in-memory copy must not outlive it (see {@link #recover}). */
    static void forget(FileSystem fs, Path file) {
        if (fs.isOpen()) {
            try {
                deleteInMemoryCopy(fs, file);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Could not drop the in-memory copy of " + file, e);
            }
        }
    }

    private static void deleteInMemoryCopy(FileSystem fs, Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-journal", "-shm"}) {
            Files.deleteIfExists(fs.getPath(file + suffix));
        }
    }

    /** The settings sqlite4j gets: those it cannot honour replaced, reported once per pool. */
    private Properties translate(Properties requested) {
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
    private static boolean syncsEachCommit(String synchronous) {
        String s = synchronous.trim().toUpperCase(Locale.ROOT);
        return s.equals("FULL") || s.equals("EXTRA") || s.equals("2") || s.equals("3");
    }

    private static boolean isInMemory(String target) {
        String t = target.toLowerCase(Locale.ROOT);
        return t.isEmpty() || t.equals(":memory:") || t.contains("mode=memory") || t.contains("vfs=memdb");
    }

    /** sqlite4j copies plain files only; URI options would be lost, so they are refused. */
    private static Path fileOf(String target) throws SQLException {
        String path = target;
        if (path.regionMatches(true, 0, "file:", 0, 5)) {
            if (path.indexOf('?') >= 0) {
                throw new SQLException("The wasm engine opens plain database files; URI options are not supported: "
                        + target, "0A000");
            }
            path = path.substring(5);
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
        }
        return Paths.get(path).toAbsolutePath().normalize();
    }
}
