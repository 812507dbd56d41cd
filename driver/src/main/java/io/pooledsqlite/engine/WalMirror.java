package io.pooledsqlite.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the database on disk (file plus {@link DiskLog}) equal to the committed state of sqlite4j's
 * in-memory copy, whatever SQL ran on it.
 *
 * <p>Usually that means appending the frames SQLite committed to its in-memory log since the last call,
 * re-framed into the log on disk with their commit marks, so each commit stays atomic. That is exact
 * only while the in-memory log is the one seen last time (same salts) or was restarted while the
 * in-memory database file stayed unchanged: SQLite restarts its log only after every frame was copied
 * into the database file, so an unchanged file means no frame was missed. In every other case (a
 * checkpoint run by the application followed by a restart, a changed {@code journal_mode}, a
 * {@code VACUUM} outside WAL mode, a changed page size) the whole committed state is compared page by
 * page with the state on disk, and the pages that differ are appended as one transaction; a different
 * page size is written as a new database file, renamed over the old one after the log was folded in.
 */
final class WalMirror {
    private final Path file;
    private final Path memoryDb;
    private final Path memoryWal;
    private final DiskLog log;
    /** The database file on disk, locked; replaced when the page size changes. */
    private FileChannel database;

    /** The in-memory log generation already on disk: its salts, checksum order and chain, and how far. */
    private int salt1;
    private int salt2;
    private boolean bigEndianSums;
    private int sum0;
    private int sum1;
    /** Offset in the in-memory log up to which its frames are on disk; 0 if no generation is known. */
    private long copied;
    /** {@link MemoryFiles#stamp}s of the in-memory database and log when they were last brought to disk. */
    private long dbStamp;
    private long walStamp;

    WalMirror(Path file, FileChannel database, DiskLog log, Path memoryDb, Path memoryWal) {
        this.file = file;
        this.database = database;
        this.log = log;
        this.memoryDb = memoryDb;
        this.memoryWal = memoryWal;
    }

    FileChannel database() {
        return database;
    }

    DiskLog log() {
        return log;
    }

    /**
     * After opening: the in-memory log is the disk log's committed prefix, copied byte for byte. Takes it
     * as already on disk if SQLite kept it as it was; otherwise compares the whole state.
     */
    void start(boolean mustCompare) throws IOException {
        WalFile.Committed mem = readMemoryLog();
        if (!mustCompare && mem.end == log.size() && (mem.end == 0 || Files.size(memoryWal) >= mem.end)) {
            remember(mem);
            return;
        }
        resync();
    }

    /**
     * Brings what SQLite committed in memory since the last call to disk. Outside WAL mode (the application
     * changed {@code journal_mode}) every call that finds a change compares the whole state.
     */
    void copyCommitted() throws IOException {
        long db = MemoryFiles.stamp(memoryDb);
        long wal = MemoryFiles.stamp(memoryWal);
        boolean walMode = inWalMode();
        if (db == dbStamp && wal == walStamp) {
            return;
        }
        if (!walMode) {
            resync();
            return;
        }
        boolean dbUnchanged = db == dbStamp;
        if (wal == -1) {
            // WAL mode, but no write since the log was created: nothing new unless the file itself changed
            if (dbUnchanged) {
                copied = 0;
                stamp();
            } else {
                resync();
            }
            return;
        }
        try (FileChannel in = FileChannel.open(memoryWal, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < WalFile.HEADER) {
                // no log, or one a checkpoint emptied: nothing new unless the checkpoint copied unseen frames
                if (dbUnchanged) {
                    copied = 0;
                    stamp();
                } else {
                    resync();
                }
                return;
            }
            ByteBuffer header = WalFile.readFully(in, 0, WalFile.HEADER);
            boolean sameGeneration = copied > 0 && header.getInt(16) == salt1 && header.getInt(20) == salt2
                    && size >= copied;
            if (!sameGeneration) {
                if (!dbUnchanged) {
                    resync();
                    return;
                }
                // a restart after a complete checkpoint we had already seen: the new log continues the state
                salt1 = header.getInt(16);
                salt2 = header.getInt(20);
                bigEndianSums = (header.getInt(0) & 1) == 1;
                int[] sum = WalFile.checksum(header, 0, 24, bigEndianSums, 0, 0);
                if (sum[0] != header.getInt(24) || sum[1] != header.getInt(28)) {
                    resync();
                    return;
                }
                sum0 = sum[0];
                sum1 = sum[1];
                copied = WalFile.HEADER;
            }
            appendNewFrames(in, size, header);
        }
        stamp();
    }

    /** Appends the committed frames after {@link #copied}, checking salts and checksums as SQLite's recovery does. */
    private void appendNewFrames(FileChannel in, long size, ByteBuffer header) throws IOException {
        int pageSize = header.getInt(8);
        if (!WalFile.isPageSize(pageSize) || (log.pageSize() != 0 && log.pageSize() != pageSize)) {
            resync();
            return;
        }
        long frameSize = WalFile.FRAME_HEADER + (long) pageSize;
        int s0 = sum0;
        int s1 = sum1;
        long end = copied;
        int endSum0 = s0;
        int endSum1 = s1;
        for (long at = copied; at + frameSize <= size; at += frameSize) {
            ByteBuffer frame = WalFile.readFully(in, at, (int) frameSize);
            if (frame.getInt(0) == 0 || frame.getInt(8) != salt1 || frame.getInt(12) != salt2) {
                break;
            }
            int[] sum = WalFile.checksum(frame, 0, 8, bigEndianSums, s0, s1);
            sum = WalFile.checksum(frame, WalFile.FRAME_HEADER, pageSize, bigEndianSums, sum[0], sum[1]);
            if (sum[0] != frame.getInt(16) || sum[1] != frame.getInt(20)) {
                break;
            }
            s0 = sum[0];
            s1 = sum[1];
            if (frame.getInt(4) != 0) {
                end = at + frameSize;
                endSum0 = s0;
                endSum1 = s1;
            }
        }
        for (long at = copied; at < end; at += frameSize) {
            ByteBuffer frame = WalFile.readFully(in, at, (int) frameSize);
            log.append(frame.getInt(0), frame.getInt(4), frame.position(WalFile.FRAME_HEADER).slice());
        }
        copied = end;
        sum0 = endSum0;
        sum1 = endSum1;
    }

    /**
     * Compares the committed in-memory state with the state on disk page by page and appends the pages
     * that differ as one transaction (or rewrites the file if the page size differs or the file is empty).
     */
    void resync() throws IOException {
        WalFile.Committed mem = readMemoryLog();
        try (FileChannel memDb = FileChannel.open(memoryDb, StandardOpenOption.READ);
             FileChannel memWal = mem.end > 0 ? FileChannel.open(memoryWal, StandardOpenOption.READ) : null) {
            State target = new State(memDb, memWal, mem, pageSizeOf(memDb));
            WalFile.Committed onDisk = WalFile.read(log.channel());
            State disk = new State(database, log.channel(), onDisk,
                    onDisk.end > 0 ? onDisk.pageSize : pageSizeOf(database));
            if (disk.pageSize != target.pageSize || disk.pages == 0) {
                replaceFile(target);
            } else {
                List<Integer> differing = new ArrayList<>();
                for (int p = 1; p <= target.pages; p++) {
                    if (p > disk.pages || !Arrays.equals(target.page(p), disk.page(p))) {
                        differing.add(p);
                    }
                }
                if (differing.isEmpty() && target.pages != disk.pages) {
                    differing.add(1);
                }
                for (int i = 0; i < differing.size(); i++) {
                    int p = differing.get(i);
                    int commit = i == differing.size() - 1 ? (int) target.pages : 0;
                    log.append(p, commit, ByteBuffer.wrap(target.page(p)));
                }
            }
        }
        remember(mem);
    }

    /**
     * Writes the committed state as a new database file and renames it over the old one, after folding
     * the log into the old one and emptying it (so no old frame is ever applied to the new file). The new
     * file is locked before the rename, so it is never unguarded.
     */
    private void replaceFile(State target) throws IOException {
        log.foldInto(database);
        FileChannel replacement = Durable.replaceLocked(file, out -> {
            for (int p = 1; p <= target.pages; p++) {
                ByteBuffer b = ByteBuffer.wrap(target.page(p));
                long at = (p - 1L) * target.pageSize;
                while (b.hasRemaining()) {
                    at += out.write(b, at);
                }
            }
        });
        FileChannel old = database;
        database = replacement;
        old.close();
    }

    private WalFile.Committed readMemoryLog() throws IOException {
        if (!Files.exists(memoryWal)) {
            return WalFile.Committed.none();
        }
        try (FileChannel in = FileChannel.open(memoryWal, StandardOpenOption.READ)) {
            return WalFile.read(in);
        }
    }

    /** Takes the in-memory log's committed part as on disk. */
    private void remember(WalFile.Committed mem) throws IOException {
        salt1 = mem.salt1;
        salt2 = mem.salt2;
        bigEndianSums = mem.bigEndianSums;
        sum0 = mem.sum0;
        sum1 = mem.sum1;
        copied = mem.end;
        stamp();
    }

    /** After a checkpoint this engine ran itself, having copied everything: the in-memory log is empty. */
    void checkpointed() throws IOException {
        copied = 0;
        stamp();
    }

    private void stamp() throws IOException {
        dbStamp = MemoryFiles.stamp(memoryDb);
        walStamp = MemoryFiles.stamp(memoryWal);
    }

    /** SQLite's header byte 18 is 2 for a database in WAL mode. */
    private boolean inWalMode() throws IOException {
        try (FileChannel in = FileChannel.open(memoryDb, StandardOpenOption.READ)) {
            return in.size() >= 100 && WalFile.readFully(in, 18, 1).get(0) == 2;
        }
    }

    /** The page size in a database file's header, or 0 if the file has none. */
    private static int pageSizeOf(FileChannel db) throws IOException {
        if (db.size() < 100) {
            return 0;
        }
        int size = WalFile.readFully(db, 16, 2).getShort(0) & 0xffff;
        return size == 1 ? 65536 : size;
    }

    /** A database file plus the committed pages of its log, read page by page. */
    private static final class State {
        final FileChannel db;
        final FileChannel wal;
        final WalFile.Committed committed;
        final int pageSize;
        final long pages;

        State(FileChannel db, FileChannel wal, WalFile.Committed committed, int pageSize) throws IOException {
            this.db = db;
            this.wal = wal;
            this.committed = committed;
            this.pageSize = pageSize;
            this.pages = pageSize == 0 ? 0
                    : committed.end > 0 ? committed.databasePages : db.size() / pageSize;
        }

        byte[] page(int p) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(pageSize);
            Long inLog = committed.pages.get(p);
            if (inLog != null) {
                WalFile.readFully(wal, inLog, b);
            } else {
                long at = (p - 1L) * pageSize;
                while (b.hasRemaining()) {
                    int n = db.read(b, at + b.position());
                    if (n < 0) {
                        break; // past the end of the file: the rest of the page reads as zeros
                    }
                }
            }
            return b.array();
        }
    }
}
