package io.pooledsqlite.engine;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads SQLite's write-ahead log format (https://www.sqlite.org/fileformat.html#the_write_ahead_log)
 * and folds a log into its database file the way SQLite's checkpoint does: the newest committed copy of
 * every page is written into the database, the file is cut to the size of the last commit, the database
 * is synced, and only then is the log emptied. Frames after the last valid commit frame (a transaction
 * that never committed, or bytes torn by a crash) are ignored, as SQLite's recovery ignores them.
 *
 * <p>The pure-Java engine uses it to continue a log on disk ({@link DiskLog}) and to fold it into the
 * database without the native library.
 */
final class WalFile {
    static final int HEADER = 32;
    static final int FRAME_HEADER = 24;
    static final int MAGIC = 0x377f0682;

    private WalFile() {
    }

    /** The committed content of a log: where the newest copy of each page is, and the database size. */
    static final class Committed {
        final int pageSize;
        /** Page number to the offset of its newest committed copy in the log. */
        final Map<Integer, Long> pages;
        /** Database size in pages after the last commit; 0 if nothing committed. */
        final long databasePages;
        /** Offset just after the last committed frame; 0 if nothing committed. */
        final long end;
        /** The header's words that later frames must carry and continue: salts, checksum order and chain. */
        final int salt1;
        final int salt2;
        final int checkpointSequence;
        final boolean bigEndianSums;
        /** The running checksum after the last committed frame (after the header if none). */
        final int sum0;
        final int sum1;

        Committed(int pageSize, Map<Integer, Long> pages, long databasePages, long end, int[] header, int[] sum,
                  boolean bigEndianSums) {
            this.pageSize = pageSize;
            this.pages = pages;
            this.databasePages = databasePages;
            this.end = end;
            this.salt1 = header[0];
            this.salt2 = header[1];
            this.checkpointSequence = header[2];
            this.bigEndianSums = bigEndianSums;
            this.sum0 = sum[0];
            this.sum1 = sum[1];
        }

        static Committed none() {
            return new Committed(0, new HashMap<>(), 0, 0, new int[3], new int[2], false);
        }
    }

    /** Parses a log, checking the header and every frame's salts and running checksum. */
    static Committed read(FileChannel wal) throws IOException {
        long size = wal.size();
        if (size < HEADER) {
            return Committed.none();
        }
        ByteBuffer header = readFully(wal, 0, HEADER);
        int magic = header.getInt(0);
        if ((magic & ~1) != MAGIC) {
            return Committed.none();
        }
        boolean bigEndianSums = (magic & 1) == 1;
        int pageSize = header.getInt(8);
        if (!isPageSize(pageSize)) {
            return Committed.none();
        }
        int salt1 = header.getInt(16);
        int salt2 = header.getInt(20);
        int[] sum = checksum(header, 0, 24, bigEndianSums, 0, 0);
        if (sum[0] != header.getInt(24) || sum[1] != header.getInt(28)) {
            return Committed.none();
        }
        int[] words = {salt1, salt2, header.getInt(12)};
        Map<Integer, Long> committed = new HashMap<>();
        Map<Integer, Long> pending = new HashMap<>();
        int[] committedSum = sum;
        long databasePages = 0;
        long end = 0;
        long frameSize = FRAME_HEADER + (long) pageSize;
        for (long at = HEADER; at + frameSize <= size; at += frameSize) {
            ByteBuffer frame = readFully(wal, at, (int) frameSize);
            int page = frame.getInt(0);
            int commitPages = frame.getInt(4);
            if (page == 0 || frame.getInt(8) != salt1 || frame.getInt(12) != salt2) {
                break;
            }
            sum = checksum(frame, 0, 8, bigEndianSums, sum[0], sum[1]);
            sum = checksum(frame, FRAME_HEADER, pageSize, bigEndianSums, sum[0], sum[1]);
            if (sum[0] != frame.getInt(16) || sum[1] != frame.getInt(20)) {
                break;
            }
            pending.put(page, at + FRAME_HEADER);
            if (commitPages != 0) {
                committed.putAll(pending);
                pending.clear();
                databasePages = Integer.toUnsignedLong(commitPages);
                end = at + frameSize;
                committedSum = sum;
            }
        }
        return new Committed(pageSize, committed, databasePages, end, words, committedSum, bigEndianSums);
    }

    /** Writes the committed pages of an open log into the database and syncs it; the log is untouched. */
    static int foldInto(FileChannel db, FileChannel log) throws IOException {
        Committed c = read(log);
        if (c.pages.isEmpty()) {
            return 0;
        }
        ByteBuffer page = ByteBuffer.allocate(c.pageSize);
        for (Map.Entry<Integer, Long> e : c.pages.entrySet()) {
            page.clear();
            readFully(log, e.getValue(), page);
            page.flip();
            long at = (Integer.toUnsignedLong(e.getKey()) - 1) * c.pageSize;
            while (page.hasRemaining()) {
                at += db.write(page, at);
            }
        }
        db.truncate(c.databasePages * c.pageSize);
        db.force(true);
        return c.pages.size();
    }

    /**
     * A page size SQLite's recovery accepts in a log header: a power of two from 512 to 65536, written as
     * it is (unlike a database header, where 65536 is written as 1).
     */
    static boolean isPageSize(int pageSize) {
        return pageSize >= 512 && pageSize <= 65536 && Integer.bitCount(pageSize) == 1;
    }

    /** SQLite's WAL checksum over {@code length} bytes (a multiple of 8) starting at {@code from}. */
    static int[] checksum(ByteBuffer b, int from, int length, boolean bigEndian, int s0, int s1) {
        ByteBuffer words = b.duplicate().order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < from + length; i += 8) {
            s0 += words.getInt(i) + s1;
            s1 += words.getInt(i + 4) + s0;
        }
        return new int[] {s0, s1};
    }

    static ByteBuffer readFully(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        readFully(ch, at, b);
        b.flip();
        return b;
    }

    static void readFully(FileChannel ch, long at, ByteBuffer into) throws IOException {
        while (into.hasRemaining()) {
            int n = ch.read(into, at);
            if (n < 0) {
                throw new EOFException("Unexpected end of " + ch + " at " + at);
            }
            at += n;
        }
    }
}
