package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLNonTransientException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch on its own, on a real file, with the clock handed in: when it looks at the file, what it
 * refuses and why, and when it tells the pool to drop its connections. The pool's side (what a borrower
 * sees) is in {@code pool.FileUnderARunningPoolTest}.
 */
class DatabaseFileWatchTest {
    private static final long T0 = TimeUnit.SECONDS.toNanos(1_000);
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(200);

    @TempDir
    Path dir;
    private Path file;
    private DatabaseFileWatch watch;
    private int drops;
    private final DatabaseWatch.Reaction reaction = () -> drops++;

    @BeforeEach
    void aWatchedFile() throws Exception {
        file = Files.write(dir.resolve("app.db"), new byte[] {1, 2, 3});
        watch = new DatabaseFileWatch("watched", file.toString());
        watch.check(T0, reaction);
    }

    private SQLException refusedAt(long now) {
        return assertThrows(SQLException.class, () -> watch.check(now, reaction));
    }

    @Test
    void aHealthyFileIsLentAndNothingIsDropped() throws Exception {
        watch.check(T0 + INTERVAL, reaction);
        watch.check(T0 + 10 * INTERVAL, reaction);
        assertTrue(watch.allowsConnections());
        assertEquals(0, drops);
    }

    @Test
    void aDeletionIsSeenByTheFirstCheck200MsAfterTheLastLookNotBefore() throws Exception {
        Files.delete(file);
        watch.check(T0 + INTERVAL - 1, reaction);
        assertTrue(watch.allowsConnections(), "no look at the file within 200 ms of the last");

        SQLException e = refusedAt(T0 + INTERVAL);
        assertTrue(e instanceof SQLNonTransientConnectionException, e.toString());
        assertEquals("08006", e.getSQLState());
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString())
                && e.getMessage().contains("watched") && e.getMessage().contains("was deleted"), e.getMessage());
        assertFalse(watch.allowsConnections());
        assertEquals(1, drops, "the connections to the deleted file are dropped");
    }

    @Test
    void whileTheFileIsGoneEveryBorrowIsRefusedAndTheConnectionsAreDroppedOnce() throws Exception {
        Files.delete(file);
        refusedAt(T0 + INTERVAL);
        SQLException again = refusedAt(T0 + INTERVAL + 1);
        assertEquals("08006", again.getSQLState(), "refused at once, without waiting for the next look");
        refusedAt(T0 + 5 * INTERVAL);
        assertEquals(1, drops);
        assertFalse(watch.allowsConnections());
    }

    @Test
    void aNewFileInItsPlaceIsServedWithFreshConnections() throws Exception {
        Files.delete(file);
        refusedAt(T0 + INTERVAL);
        Files.write(file, new byte[] {4, 5, 6});
        watch.check(T0 + INTERVAL + 1, reaction);
        assertTrue(watch.allowsConnections());
        assertEquals(2, drops, "dropped when deleted and again when the new file appeared");
        watch.check(T0 + INTERVAL + 2, reaction);
        assertEquals(2, drops, "the new file is the watched one now");
    }

    @Test
    void aFileReplacedWithoutAGapDropsTheConnectionsOnce() throws Exception {
        Path other = Files.write(dir.resolve("other.db"), new byte[] {7});
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        watch.check(T0 + INTERVAL - 1, reaction);
        assertEquals(0, drops, "not looked at yet");
        watch.check(T0 + INTERVAL, reaction);
        assertEquals(1, drops);
        assertTrue(watch.allowsConnections());
        watch.check(T0 + 2 * INTERVAL, reaction);
        assertEquals(1, drops);
    }

    @Test
    void theSameFileComingBackUnderItsNameIsServedAgain() throws Exception {
        Path link = Files.createLink(dir.resolve("kept.db"), file);
        Files.delete(file);
        refusedAt(T0 + INTERVAL);
        Files.createLink(file, link);
        watch.check(T0 + INTERVAL + 1, reaction);
        assertTrue(watch.allowsConnections());
        assertEquals(2, drops, "dropped when deleted and again when it came back");
        watch.check(T0 + INTERVAL + 2, reaction);
        assertEquals(2, drops);
    }

    @Test
    void aCorruptFileIsRefusedUntilAnotherFileReplacesIt() throws Exception {
        SQLException cause = new SQLException("[SQLITE_CORRUPT] database disk image is malformed", null, 11);
        assertTrue(watch.corrupt(cause), "the first report");
        assertFalse(watch.corrupt(cause), "the same file reported again");
        assertFalse(watch.allowsConnections());

        SQLException e = refusedAt(T0 + 1);
        assertTrue(e instanceof SQLNonTransientException && !(e instanceof SQLNonTransientConnectionException),
                e.toString());
        assertEquals("XX001", e.getSQLState());
        assertEquals(11, e.getErrorCode());
        assertTrue(e.getMessage().contains("is corrupt") && e.getMessage().contains("never modifies")
                && e.getMessage().contains("malformed"), e.getMessage());
        assertSame(e, refusedAt(T0 + 2 * INTERVAL), "the same file stays refused");
        assertEquals(0, drops);

        Path healthy = Files.write(dir.resolve("healthy.db"), new byte[] {8});
        Files.move(healthy, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        watch.check(T0 + 2 * INTERVAL + 1, reaction);
        assertTrue(watch.allowsConnections(), "a refusing watch looks at the file at every borrow");
        assertEquals(1, drops);
        assertTrue(watch.corrupt(cause), "the replacement is a new file: its corruption is news");
    }

    @Test
    void aFileMadeWritableAgainDropsTheConnectionsOpenedReadOnly() throws Exception {
        setImmutable(true);
        try {
            Assumptions.assumeFalse(Files.isWritable(file), "cannot make a file read-only here");
            watch.check(T0 + INTERVAL, reaction);
            assertEquals(0, drops, "a file turning read-only drops nothing: writes fail with SQLite's answer");
            assertTrue(watch.allowsConnections());
            watch.check(T0 + 2 * INTERVAL, reaction);
            assertEquals(0, drops);
        } finally {
            setImmutable(false);
        }
        watch.check(T0 + 3 * INTERVAL, reaction);
        assertEquals(1, drops, "connections opened while it was read-only are read-only for good");
        watch.check(T0 + 4 * INTERVAL, reaction);
        assertEquals(1, drops);
    }

    @Test
    void aWatchOnAFileReadOnlyFromTheStartDropsWhenItBecomesWritable() throws Exception {
        setImmutable(true);
        DatabaseFileWatch readOnly;
        try {
            Assumptions.assumeFalse(Files.isWritable(file), "cannot make a file read-only here");
            readOnly = new DatabaseFileWatch("ro", file.toString());
            assertDoesNotThrow(() -> readOnly.check(T0, reaction));
            assertEquals(0, drops);
        } finally {
            setImmutable(false);
        }
        readOnly.check(T0 + INTERVAL, reaction);
        assertEquals(1, drops);
    }

    /** {@code chattr +i} binds root too; plain permissions where chattr is missing. */
    private void setImmutable(boolean on) throws Exception {
        try {
            Process p = new ProcessBuilder("chattr", on ? "+i" : "-i", file.toString())
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
        } catch (java.io.IOException noChattr) {
            // permissions below
        }
        file.toFile().setWritable(!on);
    }
}
