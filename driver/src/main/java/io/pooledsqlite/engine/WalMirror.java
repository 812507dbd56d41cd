package io.pooledsqlite.engine;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Copies the committed part of sqlite4j's in-memory write-ahead log to the {@code -wal} file next to the
 * database on disk, byte for byte, and syncs it when asked. The disk then holds a database plus a valid SQLite log,
 * which any SQLite (native, or this engine's {@link WalFile#fold}) recovers. Each copy costs what the
 * transactions since the previous one wrote, whatever the size of the database.
 *
 * <p>SQLite appends a transaction's frames after the last committed frame and marks the last one as a
 * commit; frames after it belong to a transaction that rolled back and will be overwritten. So only the
 * range up to the last commit frame is copied, and the next copy starts there.
 */
final class WalMirror implements Closeable {
    private final Path source;
    private final FileChannel target;
    /** Bytes of the log copied and synced; 0 before the first commit after a checkpoint. */
    private long copied;

    WalMirror(Path source, Path target) throws IOException {
        this.source = source;
        this.target = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        this.target.truncate(0);
        // the log's directory entry must survive a power loss too, or its synced frames would be unreachable
        Durable.syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Copies what was committed since the last call, and syncs it if asked; returns the bytes copied. */
    long copyCommitted(boolean sync) throws IOException {
        if (!Files.exists(source)) {
            // SQLite keeps its log from opening until closing in exclusive WAL mode: it deletes it only
            // when the journal mode is changed, after which commits would bypass the copy to disk
            throw new IOException("the in-memory database left WAL mode (was journal_mode changed?), so its"
                    + " commits can no longer be written to disk; the wasm engine needs journal_mode=WAL");
        }
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < WalFile.HEADER) {
                return 0;
            }
            ByteBuffer header = WalFile.readFully(in, 0, WalFile.HEADER);
            int pageSize = header.getInt(8) == 1 ? 65536 : header.getInt(8);
            int salt1 = header.getInt(16);
            int salt2 = header.getInt(20);
            long frameSize = WalFile.FRAME_HEADER + (long) pageSize;
            long committedEnd = copied;
            for (long at = Math.max(copied, WalFile.HEADER); at + frameSize <= size; at += frameSize) {
                ByteBuffer frame = WalFile.readFully(in, at, WalFile.FRAME_HEADER);
                if (frame.getInt(8) != salt1 || frame.getInt(12) != salt2) {
                    break;
                }
                if (frame.getInt(4) != 0) {
                    committedEnd = at + frameSize;
                }
            }
            long n = 0;
            if (committedEnd > copied) {
                Durable.copyRange(in, target, copied, committedEnd - copied);
                n = committedEnd - copied;
                copied = committedEnd;
            }
            if (sync) {
                target.force(false);
            }
            return n;
        }
    }

    /** Bytes of log on disk. */
    long size() {
        return copied;
    }

    /** The log on disk, for folding it into the database. */
    FileChannel channel() {
        return target;
    }

    /** Empties the log on disk, after its pages reached the database and the database was synced. */
    void reset() throws IOException {
        target.truncate(0);
        target.force(false);
        copied = 0;
    }

    @Override
    public void close() throws IOException {
        target.close();
    }
}
