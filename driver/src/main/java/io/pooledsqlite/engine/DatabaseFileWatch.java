package io.pooledsqlite.engine;

import io.pooledsqlite.error.SqliteErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Watches the database file of a pool for what SQLite cannot see from inside open connections: the file
 * deleted (open connections would keep writing to the unlinked copy, and a new connection would create
 * an empty database), replaced by another file, found corrupt, or made writable again after being
 * read-only (SQLite opens a read-only file read-only for good). While something is wrong the pool
 * refuses connections with the reason; when the file is back, or replaced by a healthy one, the pool
 * drops its old connections and carries on. The file itself is never touched.
 *
 * <p>Checks are a {@code stat} at most every {@link #CHECK_INTERVAL_NANOS} on the borrow path.
 */
final class DatabaseFileWatch implements DatabaseWatch {
    private static final System.Logger LOG = System.getLogger(DatabaseFileWatch.class.getName());
    static final long CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String poolName;
    private final Path path;
    private volatile Object fileKey;
    private volatile long nextCheckNanos;
    /** Why the pool refuses connections, or {@code null}. */
    private volatile SQLException refusal;
    private volatile Object corruptFileKey;
    private volatile boolean writable;

    /** A watch for a plain file target (see {@code Target.plainFile()}) that exists now. */
    DatabaseFileWatch(String poolName, String target) {
        this.poolName = poolName;
        this.path = Paths.get(target).toAbsolutePath();
        this.fileKey = keyOf(path);
        this.writable = Files.isWritable(path);
    }

    /**
     * Checks the file if a check is due, and throws if the pool must not lend connections now.
     */
    @Override
    public void check(long now, Reaction reaction) throws SQLException {
        if (now < nextCheckNanos && refusal == null) {
            return;
        }
        nextCheckNanos = now + CHECK_INTERVAL_NANOS;
        Object key = keyOf(path);
        if (key == null) {
            boolean first = !(refusal instanceof SQLNonTransientConnectionException);
            refusal = new SQLNonTransientConnectionException("The database file " + path + " of pool " + poolName
                    + " was deleted while the pool was running; the pool refuses connections until the file is"
                    + " back, rather than create an empty database", "08006");
            if (first) {
                LOG.log(System.Logger.Level.ERROR, "Pool {0}: database file {1} was deleted; refusing connections"
                        + " until it is back", poolName, path);
                reaction.dropConnections();
            }
            throw refusal;
        }
        if (!Objects.equals(key, fileKey)) {
            LOG.log(System.Logger.Level.WARNING, "Pool {0}: database file {1} is {2}; reopening connections",
                    poolName, path, refusal instanceof SQLNonTransientConnectionException ? "back" : "a new file");
            fileKey = key;
            refusal = null;
            corruptFileKey = null;
            reaction.dropConnections();
            return;
        }
        boolean nowWritable = Files.isWritable(path);
        if (nowWritable != writable) {
            writable = nowWritable;
            LOG.log(nowWritable ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                    "Pool {0}: database file {1} is {2}", poolName, path,
                    nowWritable ? "writable again; reopening connections" : "read-only now; writes will fail");
            if (nowWritable) {
                // connections opened meanwhile are read-only for good: replace them
                reaction.dropConnections();
            }
        }
        if (refusal instanceof SQLNonTransientConnectionException) {
            // the same file came back (e.g. a hard link restored): nothing was lost
            refusal = null;
            reaction.dropConnections();
            return;
        }
        if (refusal != null) {
            throw refusal;
        }
    }

    /** False while the pool must not open connections to the file (deleted or corrupt). */
    @Override
    public boolean allowsConnections() {
        return refusal == null;
    }

    /**
     * Records that SQLite found the file corrupt: the pool refuses connections until the file is
     * replaced. Returns true the first time.
     */
    @Override
    public boolean corrupt(SQLException cause) {
        if (corruptFileKey != null && corruptFileKey.equals(fileKey)) {
            return false;
        }
        corruptFileKey = fileKey;
        SQLException t = SqliteErrors.translate(cause);
        refusal = new SQLNonTransientException("The database file " + path + " of pool " + poolName
                + " is corrupt (" + t.getMessage() + "); the pool stopped handing out connections and will"
                + " resume when the file is replaced. The pool never modifies the file.", "XX001",
                t.getErrorCode(), t);
        LOG.log(System.Logger.Level.ERROR, refusal.getMessage());
        return true;
    }

    /** The file's identity (device and inode where the platform has them), or null if it is gone. */
    private static Object keyOf(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.fileKey() != null ? a.fileKey() : a.creationTime();
        } catch (IOException e) {
            return null;
        }
    }
}
