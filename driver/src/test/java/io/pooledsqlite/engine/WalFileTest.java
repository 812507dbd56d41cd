package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and folding a write-ahead log as SQLite's recovery does. */
class WalFileTest {
    @TempDir
    Path dir;

    private WalFile.Committed read(WalBytes log) throws IOException {
        try (FileChannel ch = FileChannel.open(log.writeTo(dir.resolve("x-wal")), StandardOpenOption.READ)) {
            return WalFile.read(ch);
        }
    }

    private static void assertNothingCommitted(WalFile.Committed c) {
        assertEquals(0, c.end);
        assertEquals(0, c.databasePages);
        assertTrue(c.pages.isEmpty());
    }

    @Test
    void onlyFramesUpToTheLastCommitFrameAreCommitted() throws IOException {
        WalFile.Committed c = read(WalBytes.little(512).frame(1, 0, 1).frame(2, 3, 2).frame(3, 0, 3));
        assertEquals(Map.of(1, 32L + 24, 2, 32L + 536 + 24), c.pages);
        assertEquals(3, c.databasePages);
        assertEquals(32 + 2 * 536, c.end);
        assertEquals(512, c.pageSize);
    }

    @Test
    void aLogOfOnlyAHeaderHasNothingCommittedButItsSaltsAndSequenceAreKept() throws IOException {
        // a header alone is a valid log: a following writer must continue its salts
        WalFile.Committed c = read(new WalBytes(WalBytes.LITTLE, 1024, 1024, 9, 123, 456));
        assertNothingCommitted(c);
        assertEquals(123, c.salt1);
        assertEquals(456, c.salt2);
        assertEquals(9, c.checkpointSequence);
    }

    @Test
    void aLogWithAnotherMagicNumberIsNotALog() throws IOException {
        assertNothingCommitted(read(new WalBytes(0x12345678, 512, 512, 1, 1, 2).frame(1, 1, 1)));
    }

    @Test
    void aBigEndianLogIsReadWithBigEndianChecksums() throws IOException {
        WalFile.Committed c = read(new WalBytes(WalBytes.BIG, 512, 512, 1, 5, 6).frame(1, 1, 7));
        assertEquals(1, c.databasePages);
        assertTrue(c.bigEndianSums);
    }

    @Test
    void aPageSizeOfOneInTheHeaderIsNotALogAsForSqlite() throws IOException {
        // a database header writes 65536 as 1, a log header as 65536 (wal.c), and recovery refuses below 512
        assertNothingCommitted(read(new WalBytes(WalBytes.LITTLE, 1, 65536, 1, 5, 6).frame(1, 1, 7)));
    }

    @Test
    void theSmallestAndLargestPageSizesAreValid() throws IOException {
        assertEquals(1, read(WalBytes.little(512).frame(1, 1, 7)).databasePages);
        assertEquals(1, read(WalBytes.little(65536).frame(1, 1, 7)).databasePages);
    }

    @Test
    void aPageSizeThatIsNoPowerOfTwoOrOutOfRangeIsNotALog() throws IOException {
        assertNothingCommitted(read(WalBytes.little(1536).frame(1, 1, 7)));
        assertNothingCommitted(read(WalBytes.little(256).frame(1, 1, 7)));
        assertNothingCommitted(read(new WalBytes(WalBytes.LITTLE, 131072, 512, 1, 1, 2).frame(1, 1, 7)));
    }

    @Test
    void aHeaderWithAWrongChecksumIsNotALog() throws IOException {
        assertNothingCommitted(read(WalBytes.little(512).frame(1, 1, 7).poke(12, 99)));
    }

    @Test
    void aHeaderWhoseSecondChecksumWordAloneIsWrongIsNotALog() throws IOException {
        assertNothingCommitted(read(WalBytes.little(512).frame(1, 1, 7).addOne(28)));
    }

    @Test
    void aFrameWhoseSecondChecksumWordAloneIsWrongEndsTheLog() throws IOException {
        WalFile.Committed c = read(WalBytes.little(512).frame(1, 1, 1).frame(2, 2, 2).addOne(32 + 536 + 20));
        assertEquals(1, c.databasePages);
        assertEquals(32 + 536, c.end);
    }

    @Test
    void aFrameForPageZeroEndsTheLog() throws IOException {
        WalFile.Committed c = read(WalBytes.little(512).frame(1, 1, 1).frame(0, 2, 2));
        assertEquals(1, c.databasePages);
    }

    @Test
    void aFrameWithOtherSaltsEndsTheLog() throws IOException {
        assertEquals(1, read(WalBytes.little(512).frame(1, 1, 1).frame(2, 2, 2, 99, 22, false)).databasePages);
        assertEquals(1, read(WalBytes.little(512).frame(1, 1, 1).frame(2, 2, 2, 11, 99, false)).databasePages);
    }

    @Test
    void aFrameWithAWrongChecksumEndsTheLog() throws IOException {
        WalFile.Committed c = read(WalBytes.little(512).frame(1, 1, 1).frame(2, 2, 2, 11, 22, true));
        assertEquals(1, c.databasePages);
        assertEquals(32 + 536, c.end);
    }

    @Test
    void foldingWritesTheNewestCommittedCopyOfEachPageAndCutsTheFileToTheCommittedSize() throws IOException {
        Path db = dir.resolve("x.db");
        Files.write(db, new byte[512 * 4]);
        WalBytes log = WalBytes.little(512).frame(1, 0, 1).frame(2, 2, 2).frame(1, 2, 3).frame(2, 0, 9);
        try (FileChannel d = FileChannel.open(db, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel l = FileChannel.open(log.writeTo(dir.resolve("x.db-wal")), StandardOpenOption.READ)) {
            assertEquals(2, WalFile.foldInto(d, l), "pages written");
        }
        byte[] content = Files.readAllBytes(db);
        assertEquals(1024, content.length);
        assertEquals(3, content[0]);
        assertEquals(2, content[512]);
    }

    @Test
    void foldingALogWithNothingCommittedLeavesTheDatabaseAsItIs() throws IOException {
        Path db = dir.resolve("x.db");
        byte[] before = new byte[2048];
        before[100] = 42;
        Files.write(db, before);
        WalBytes log = WalBytes.little(512).frame(1, 0, 1);
        try (FileChannel d = FileChannel.open(db, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel l = FileChannel.open(log.writeTo(dir.resolve("x.db-wal")), StandardOpenOption.READ)) {
            assertEquals(0, WalFile.foldInto(d, l));
        }
        assertArrayEquals(before, Files.readAllBytes(db));
    }

    @Test
    void readingPastTheEndOfAFileFailsInsteadOfReturningOtherBytes() throws IOException {
        Path f = Files.write(dir.resolve("f"), new byte[100]);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            // the first read gets the 10 bytes left, the next must see the end
            assertThrows(EOFException.class, () -> WalFile.readFully(ch, 90, ByteBuffer.allocate(20)));
        }
    }
}
