package io.pooledsqlite.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The byte-range locks native SQLite's unix VFS takes (https://www.sqlite.org/lockingv3.html), used to
 * keep native processes and this engine off each other's files. Java's locks are POSIX record locks:
 * closing any descriptor of a file in this process drops them, so the engine reads and writes the
 * database only through the channel that holds them.
 */
final class SqliteLocks {
    /** SQLite's "shared" range: readers lock it shared, a writer committing locks it exclusive. */
    private static final long SHARED_FIRST = 0x40000000L + 2;
    private static final long SHARED_SIZE = 510;
    /** The byte of {@code -shm} every native WAL connection holds a shared lock on while open (DMS). */
    private static final long DMS_BYTE = 128;

    private SqliteLocks() {
    }

    /**
     * Locks SQLite's shared range exclusively, as a native writer does while it commits: succeeds only if
     * no native connection holds any lock on the database file (reading, writing, in a transaction, or in
     * {@code locking_mode=EXCLUSIVE}), and afterwards every native connection gets {@code SQLITE_BUSY}.
     * Returns null if another process holds a lock.
     */
    static FileLock lockOut(FileChannel database) throws IOException {
        try {
            return database.tryLock(SHARED_FIRST, SHARED_SIZE, false);
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** True if a native connection has the database open in WAL mode (it holds its lock on {@code -shm}). */
    static boolean walInUse(Path shm) throws IOException {
        if (!Files.exists(shm)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(shm, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock(DMS_BYTE, 1, false);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }
}
