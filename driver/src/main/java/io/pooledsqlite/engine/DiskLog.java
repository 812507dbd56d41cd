package io.pooledsqlite.engine;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The write-ahead log next to the database on disk ({@code <database>-wal}), written by this engine in
 * SQLite's format: its own header, salts and checksum chain, whatever sqlite4j's in-memory log looks
 * like. Each transaction appended is committed by its last frame, so a crash at any point leaves a log
 * whose valid prefix ends at a commit: SQLite (native, or this engine on its next open) recovers exactly
 * the transactions whose commit frame reached the disk.
 */
final class DiskLog implements Closeable {
    private static final int VERSION = 3007000;

    private final FileChannel log;
    /** Page size of the log's header; 0 while the log is empty (the next frame writes a header). */
    private int pageSize;
    private boolean bigEndianSums;
    private int salt1;
    private int salt2;
    private int checkpointSequence;
    private int sum0;
    private int sum1;
    /** Bytes of committed log. */
    private long end;

    private DiskLog(FileChannel log, WalFile.Committed existing) {
        this.log = log;
        this.pageSize = existing.end == 0 ? 0 : existing.pageSize;
        this.bigEndianSums = existing.bigEndianSums;
        this.salt1 = existing.salt1;
        this.salt2 = existing.salt2;
        this.checkpointSequence = existing.checkpointSequence;
        this.sum0 = existing.sum0;
        this.sum1 = existing.sum1;
        this.end = existing.end;
    }

    /**
     * Opens the log of a database, keeping its committed frames (a crashed process's commits) and cutting
     * off what follows them. The log of an empty database file is discarded, as SQLite discards it.
     */
    static DiskLog open(Path wal, boolean databaseEmpty) throws IOException {
        FileChannel ch = FileChannel.open(wal, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            WalFile.Committed c = databaseEmpty ? WalFile.Committed.none() : WalFile.read(ch);
            if (ch.size() > c.end) {
                ch.truncate(c.end);
            }
            // the log's directory entry must survive a power loss too, or its synced frames would be unreachable
            Durable.syncDirectory(wal.toAbsolutePath().getParent());
            return new DiskLog(ch, c);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Bytes of committed log. */
    long size() {
        return end;
    }

    /** The page size frames must have, or 0 if the log is empty and takes any. */
    int pageSize() {
        return pageSize;
    }

    FileChannel channel() {
        return log;
    }

    /** Where the log ends now, to go back to if a transaction cannot be appended completely. */
    long[] mark() {
        return new long[] {end, pageSize, sum0, sum1, salt1, salt2, checkpointSequence, bigEndianSums ? 1 : 0};
    }

    /** Forgets a transaction that was not appended completely (its commit frame is not on disk). */
    void reset(long[] mark) throws IOException {
        end = mark[0];
        pageSize = (int) mark[1];
        sum0 = (int) mark[2];
        sum1 = (int) mark[3];
        salt1 = (int) mark[4];
        salt2 = (int) mark[5];
        checkpointSequence = (int) mark[6];
        bigEndianSums = mark[7] == 1;
        log.truncate(end);
    }

    /**
     * Appends one frame: page {@code page} with content {@code data} (exactly one page); {@code commitPages}
     * non-zero makes it the commit frame of its transaction, with the database size in pages after it.
     */
    void append(int page, int commitPages, ByteBuffer data) throws IOException {
        if (pageSize == 0) {
            writeHeader(data.remaining());
        } else if (data.remaining() != pageSize) {
            throw new IOException("A page of " + data.remaining() + " bytes cannot go into a log of " + pageSize
                    + "-byte pages");
        }
        ByteBuffer frame = ByteBuffer.allocate(WalFile.FRAME_HEADER + pageSize);
        frame.putInt(page).putInt(commitPages).putInt(salt1).putInt(salt2);
        frame.position(WalFile.FRAME_HEADER);
        frame.put(data.duplicate());
        int[] sum = WalFile.checksum(frame, 0, 8, bigEndianSums, sum0, sum1);
        sum = WalFile.checksum(frame, WalFile.FRAME_HEADER, pageSize, bigEndianSums, sum[0], sum[1]);
        frame.putInt(16, sum[0]).putInt(20, sum[1]);
        frame.flip();
        writeFully(frame, end);
        sum0 = sum[0];
        sum1 = sum[1];
        end += frame.capacity();
    }

    /** A fresh log: new salts so that no frame of an earlier one can be mistaken for part of it. */
    private void writeHeader(int newPageSize) throws IOException {
        pageSize = newPageSize;
        bigEndianSums = false;
        salt1 += 1;
        salt2 = ThreadLocalRandom.current().nextInt();
        checkpointSequence += 1;
        ByteBuffer h = ByteBuffer.allocate(WalFile.HEADER);
        h.putInt(WalFile.MAGIC).putInt(VERSION).putInt(pageSize).putInt(checkpointSequence).putInt(salt1)
                .putInt(salt2);
        int[] sum = WalFile.checksum(h, 0, 24, bigEndianSums, 0, 0);
        h.putInt(sum[0]).putInt(sum[1]);
        h.flip();
        log.truncate(0);
        writeFully(h, 0);
        sum0 = sum[0];
        sum1 = sum[1];
        end = WalFile.HEADER;
    }

    /** Syncs the log. */
    void force() throws IOException {
        log.force(false);
    }

    /**
     * Folds the log into the database (the log synced first, then the database written and synced) and
     * empties it. A crash between the steps leaves a log whose pages are already in the database:
     * recovering it again changes nothing.
     */
    void foldInto(FileChannel database) throws IOException {
        if (end == 0) {
            return;
        }
        log.force(false);
        WalFile.foldInto(database, log);
        log.truncate(0);
        log.force(false);
        end = 0;
        pageSize = 0;
    }

    private void writeFully(ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            at += log.write(b, at);
        }
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
