package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding the super-journal a rollback journal names, on journals built byte by byte from SQLite's
 * documented format (https://www.sqlite.org/fileformat.html#the_rollback_journal): a multi-database
 * transaction ends its journal with the locking page's number, the super-journal's name, the name's length,
 * its checksum and the journal magic, all big-endian.
 */
class RollbackJournalTest {
    private static final long MAGIC = 0xd9d505f920a163d7L;

    @TempDir
    Path dir;

    /** A 512-byte header and one 4096-byte page record, as SQLite writes before the pointer. */
    private static byte[] body() {
        ByteBuffer b = ByteBuffer.allocate(512 + 4 + 4096 + 4);
        b.putLong(MAGIC).putInt(1).putInt(0x1234).putInt(2).putInt(512).putInt(4096);
        return b.array();
    }

    /** The super-journal record: page number, name, length, checksum (the sum of the name's bytes), magic. */
    private static byte[] pointer(byte[] name, int length, long magic) {
        int checksum = 0;
        for (byte c : name) {
            checksum += c;
        }
        return ByteBuffer.allocate(4 + name.length + 16).putInt(262_145).put(name).putInt(length)
                .putInt(checksum).putLong(magic).array();
    }

    private Path journal(byte[]... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p);
        }
        return Files.write(dir.resolve("app.db-journal"), out.toByteArray());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aJournalOfAMultiDatabaseTransactionNamesItsSuperJournal() throws Exception {
        String name = dir.resolve("app.db-mj5F3A2B1C").toString();
        Path j = journal(body(), pointer(utf8(name), name.length(), MAGIC));
        assertEquals(name, RollbackJournal.superJournal(j));
    }

    @Test
    void aNameIsReadInUtf8AndEndsAtItsFirstNul() throws Exception {
        byte[] name = utf8("/tmp/\u00e9t\u00e9.db-mjA\0\0\0");
        assertEquals("/tmp/\u00e9t\u00e9.db-mjA",
                RollbackJournal.superJournal(journal(body(), pointer(name, name.length, MAGIC))));
    }

    @Test
    void aJournalWithoutThePointerNamesNone() throws Exception {
        assertNull(RollbackJournal.superJournal(journal(body())), "a page record ends it");
        assertNull(RollbackJournal.superJournal(journal(new byte[0])));
        byte[] name = utf8("x.db-mj1");
        assertNull(RollbackJournal.superJournal(journal(body(), pointer(name, name.length, MAGIC ^ 1))),
                "the magic is not the journal's");
    }

    @Test
    void aLengthThatCannotBeTheNamesIsNotTrusted() throws Exception {
        byte[] name = utf8("x.db-mj1");
        assertNull(RollbackJournal.superJournal(journal(body(), pointer(name, 0, MAGIC))), "empty");
        assertNull(RollbackJournal.superJournal(journal(body(), pointer(name, -8, MAGIC))), "negative");
        assertNull(RollbackJournal.superJournal(journal(body(), pointer(name, 4097, MAGIC))), "over 4096");
        byte[] longest = new byte[4096];
        java.util.Arrays.fill(longest, (byte) 'a');
        assertEquals(4096, RollbackJournal.superJournal(journal(body(), pointer(longest, 4096, MAGIC))).length(),
                "4096 bytes is the most SQLite writes");
    }

    @Test
    void aLengthReachingPastTheStartOfTheFileIsNotTrusted() throws Exception {
        byte[] name = utf8("abcd");
        // the pointer alone: 4 + 4 + 16 bytes; the name with the page number before it fits exactly
        Path exact = journal(pointer(name, 4, MAGIC));
        assertEquals("abcd", RollbackJournal.superJournal(exact));
        Path shortOne = journal(pointer(name, 5, MAGIC));
        assertNull(RollbackJournal.superJournal(shortOne), "no room for the page number before the name");
    }

    @Test
    void aFileShorterThanAPointerNamesNone() throws Exception {
        byte[] tail = ByteBuffer.allocate(19).putInt(3, 1).array();
        assertNull(RollbackJournal.superJournal(journal(tail)));
        // 20 bytes: a pointer with an empty name fits, and is refused for its length
        assertNull(RollbackJournal.superJournal(journal(pointer(new byte[0], 0, MAGIC))));
    }
}
