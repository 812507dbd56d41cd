package io.pooledsqlite.engine;

import io.roastedroot.sqlite4j.SQLiteConnection;
import io.roastedroot.sqlite4j.core.DB;
import io.roastedroot.zerofs.Configuration;
import io.roastedroot.zerofs.ZeroFs;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * sqlite4j's in-memory file system, which all its connections in a class loader share: sqlite4j opens
 * a database from there if the file exists in it, and copies the file from disk only if not. This engine
 * puts the files there itself (read through its locked descriptor, so opening never closes a descriptor
 * of the database and drops its locks), including a rollback journal or write-ahead log left by a
 * crashed process, so that SQLite's own recovery runs on them.
 *
 * <p>The file system this engine creates stamps every write with a counter instead of the time, so
 * {@link #stamp} tells exactly whether SQLite wrote a file since it was last looked at.
 */
final class MemoryFiles {
    /** Guards the shared file system: putting files in, and opening and closing sqlite4j connections. */
    static final Object LOCK = new Object();
    private static final AtomicLong CLOCK = new AtomicLong();

    private MemoryFiles() {
    }

    /** The file system sqlite4j's next connection will use; created if none is open. Call under {@link #LOCK}. */
    static FileSystem current() throws SQLException {
        try {
            Field cacheField = SQLiteConnection.class.getDeclaredField("cache");
            cacheField.setAccessible(true);
            Object factory = cacheField.get(null);
            Field fsField = factory.getClass().getDeclaredField("fs");
            fsField.setAccessible(true);
            FileSystem fs = (FileSystem) fsField.get(factory);
            if (fs == null || !fs.isOpen()) {
                fs = ZeroFs.newFileSystem(Configuration.unix().toBuilder().setAttributeViews("unix")
                        .setFileTimeSource(() -> FileTime.from(CLOCK.incrementAndGet(), TimeUnit.NANOSECONDS))
                        .build());
                fsField.set(factory, fs);
            }
            return fs;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unsupported(e);
        }
    }

    /** The in-memory file system a sqlite4j connection runs on. */
    static FileSystem of(DB db) throws SQLException {
        try {
            Field f = db.getClass().getDeclaredField("fs");
            f.setAccessible(true);
            return (FileSystem) f.get(db);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unsupported(e);
        }
    }

    private static SQLException unsupported(Exception e) {
        return new SQLException("This sqlite4j version does not expose its in-memory file system, so the wasm"
                + " engine cannot keep the database file up to date", "0A000", e);
    }

    /** Deletes the in-memory copies of a database and its journals (a stale copy would be opened instead). */
    static void delete(FileSystem fs, Path file) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-journal", "-shm"}) {
            Files.deleteIfExists(fs.getPath(file + suffix));
        }
    }

    /** A value that changes whenever the file is written or truncated; -1 if it does not exist. */
    static long stamp(Path memoryFile) throws IOException {
        if (!Files.exists(memoryFile)) {
            return -1;
        }
        return Files.getLastModifiedTime(memoryFile).to(TimeUnit.NANOSECONDS);
    }
}
