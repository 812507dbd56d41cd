package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's own log on disk: what a reader (SQLite's recovery, {@link WalFile#read}) finds in it. */
class DiskLogTest {
    @TempDir
    Path dir;

    private static ByteBuffer page(int size, int fill) {
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) fill);
        return ByteBuffer.wrap(b);
    }

    private static WalFile.Committed reread(Path wal) throws IOException {
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.READ)) {
            return WalFile.read(ch);
        }
    }

    @Test
    void openingKeepsTheCommittedFramesAndCutsOffWhatFollowsThem() throws IOException {
        Path wal = WalBytes.little(512).frame(1, 1, 1).frame(2, 0, 2).writeTo(dir.resolve("x.db-wal"));
        try (DiskLog log = DiskLog.open(wal, false)) {
            assertEquals(32 + 536, log.size());
            assertEquals(512, log.pageSize());
        }
        assertEquals(32 + 536, Files.size(wal));
    }

    @Test
    void theLogOfAnEmptyDatabaseIsDiscarded() throws IOException {
        Path wal = WalBytes.little(512).frame(1, 1, 1).writeTo(dir.resolve("x.db-wal"));
        try (DiskLog log = DiskLog.open(wal, true)) {
            assertEquals(0, log.size());
            assertEquals(0, log.pageSize());
        }
        assertEquals(0, Files.size(wal));
    }

    @Test
    void aLogWithAHeaderButNoCommitGetsAFreshHeaderBeforeItsFirstFrame() throws IOException {
        Path wal = new WalBytes(WalBytes.LITTLE, 1024, 1024, 4, 50, 60).frame(1, 0, 1).writeTo(dir.resolve("x.db-wal"));
        try (DiskLog log = DiskLog.open(wal, false)) {
            assertEquals(0, log.pageSize(), "an empty log takes any page size");
            log.append(1, 1, page(512, 9));
        }
        WalFile.Committed c = reread(wal);
        assertEquals(512, c.pageSize);
        assertEquals(1, c.databasePages);
    }

    @Test
    void aNewHeaderAdvancesSalt1AndTheCheckpointSequenceAsSqliteDoes() throws IOException {
        // a new salt-1 makes every frame of the earlier log invalid in the new one
        Path wal = new WalBytes(WalBytes.LITTLE, 512, 512, 4, 50, 60).writeTo(dir.resolve("x.db-wal"));
        try (DiskLog log = DiskLog.open(wal, false)) {
            log.append(1, 1, page(512, 9));
        }
        WalFile.Committed c = reread(wal);
        assertEquals(51, c.salt1);
        assertEquals(5, c.checkpointSequence);
    }

    @Test
    void aPageOfAnotherSizeThanTheLogsIsRefused() throws IOException {
        try (DiskLog log = DiskLog.open(dir.resolve("x.db-wal"), false)) {
            log.append(1, 1, page(512, 1));
            assertThrows(IOException.class, () -> log.append(2, 2, page(1024, 2)));
            assertEquals(32 + 536, log.size());
        }
    }

    @Test
    void aTransactionAfterAResetContinuesABigEndianLogThatACrashedProcessLeft() throws IOException {
        // the mark must bring back the checksum order too, or the next frames would not verify
        Path wal = new WalBytes(WalBytes.BIG, 512, 512, 1, 5, 6).frame(1, 1, 1).writeTo(dir.resolve("x.db-wal"));
        try (DiskLog log = DiskLog.open(wal, false)) {
            long[] mark = log.mark();
            log.append(2, 0, page(512, 2));
            log.reset(mark);
            log.append(2, 2, page(512, 3));
        }
        WalFile.Committed c = reread(wal);
        assertEquals(2, c.databasePages);
        assertEquals(32 + 2 * 536, c.end);
    }

    @Test
    void aResetForgetsTheIncompleteTransaction() throws IOException {
        Path wal = dir.resolve("x.db-wal");
        try (DiskLog log = DiskLog.open(wal, false)) {
            log.append(1, 1, page(512, 1));
            long[] mark = log.mark();
            log.append(2, 0, page(512, 2));
            log.reset(mark);
            assertEquals(32 + 536, log.size());
        }
        assertEquals(32 + 536, Files.size(wal));
    }

    @Test
    void foldingWritesTheLogIntoTheDatabaseAndEmptiesIt() throws IOException {
        Path wal = dir.resolve("x.db-wal");
        Path db = Files.write(dir.resolve("x.db"), new byte[0]);
        try (DiskLog log = DiskLog.open(wal, true);
             FileChannel d = FileChannel.open(db, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            log.append(1, 0, page(512, 1));
            log.append(2, 2, page(512, 2));
            log.force();
            log.foldInto(d);
            assertEquals(0, log.size());
            assertEquals(0, log.pageSize());
            log.append(1, 1, page(1024, 3)); // an empty log takes a new page size
        }
        byte[] content = Files.readAllBytes(db);
        assertEquals(1024, content.length);
        assertEquals(2, content[512]);
    }

    @Test
    void closingReleasesTheFile() throws IOException {
        DiskLog log = DiskLog.open(dir.resolve("x.db-wal"), false);
        log.close();
        assertFalse(log.channel().isOpen());
    }
}
