package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link WalMirror} on real files, without the wasm engine: plain sqlite-jdbc plays sqlite4j on a file of
 * its own, and its database and log are copied after each step to the files the mirror reads as the
 * in-memory ones, each stamped anew only when its content changed (as sqlite4j's file system stamps every
 * write). The database on disk is checked with plain sqlite-jdbc, and where the fast path is what is
 * specified, the log on disk is compared with the in-memory one: following SQLite's log appends exactly
 * the frames SQLite committed, while comparing the whole state appends only the pages that differ (none
 * after two commits that change a row and change it back, see {@link #bounce}). An {@code UPDATE} that
 * sets values to themselves is no such case: SQLite compares an overwritten record with the old one and
 * writes no page if they are equal.
 */
class WalMirrorOnFilesTest {
    private static final int HEADER = 32;

    @TempDir
    Path dir;

    private Path live;
    private Path memDb;
    private Path memWal;
    private Path disk;
    private Path diskWal;
    private Connection sql;
    private DiskLog log;
    private WalMirror mirror;
    private final Map<Path, byte[]> copied = new HashMap<>();
    private long clock;

    @BeforeEach
    void paths() throws IOException {
        live = dir.resolve("live.db");
        Files.createDirectories(dir.resolve("memory"));
        memDb = dir.resolve("memory/x.db");
        memWal = dir.resolve("memory/x.db-wal");
        disk = dir.resolve("disk.db");
        diskWal = dir.resolve("disk.db-wal");
    }

    @AfterEach
    void closeAll() throws Exception {
        if (sql != null) {
            sql.close();
            sql = null;
        }
        if (mirror != null) {
            mirror.database().close();
            log.close();
            mirror = null;
        }
    }

    // ---- the fast path: SQLite's frames, appended as they are

    @Test
    void eachCommitAppendsJustTheFramesSqliteCommitted() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        for (int i = 0; i < 3; i++) {
            run("UPDATE t SET v = randomblob(100) WHERE id <= 10");
            copy();
            assertEquals(memoryLog().end, log.size(), "the log on disk is the in-memory log, frame for frame");
        }
        assertOnDisk(20);
    }

    @Test
    void aCommitAfterTheInMemoryLogRestartedIsAppendedFrameForFrame() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        run("PRAGMA wal_checkpoint(PASSIVE)");
        copy(); // the checkpoint changed the file only: nothing new
        int salt = memoryLog().salt1;
        long before = log.size();

        bounce(); // SQLite restarts its log: new salts, the file unchanged
        copy();

        WalFile.Committed mem = memoryLog();
        assertNotEquals(salt, mem.salt1, "the in-memory log restarted");
        assertEquals(mem.end - HEADER, log.size() - before, "every frame of the restarted log was appended");
        assertOnDisk(20);
    }

    @Test
    void aCommitAfterTheEnginesOwnCheckpointIsAppendedFrameForFrame() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        log.foldInto(mirror.database());
        run("PRAGMA wal_checkpoint(TRUNCATE)");
        snapshot();
        mirror.checkpointed();

        bounce();
        copy();

        assertEquals(memoryLog().end, log.size(), "the restarted log was appended, frame for frame");
        assertOnDisk(20);
    }

    @Test
    void aCommitAfterStartingOnAnUnchangedInMemoryLogIsAppendedFrameForFrame() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        bounce();
        copy();
        assertEquals(memoryLog().end, log.size());
        assertOnDisk(20);
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28})
    void aRestartedInMemoryLogWhoseHeaderFailsItsChecksumHoldsNothing(int checksumWord) throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        run("PRAGMA wal_checkpoint(PASSIVE)");
        copy();
        long before = log.size();

        run("UPDATE t SET v = zeroblob(100) WHERE id = 1");
        snapshot();
        addOne(memWal, checksumWord);
        mirror.copyCommitted();

        assertEquals(before, log.size(), "no frame of a log with a broken header is taken");
        assertOnDisk(20);
        assertEquals(0, queryOnDisk("SELECT count(*) FROM t WHERE v = zeroblob(100)"));
    }

    /** Salts and checksums are checked as SQLite's recovery checks them (the checksum does not cover the salts). */
    @ParameterizedTest
    @ValueSource(ints = {8, 12, 16, 20})
    void anInMemoryFrameWithAWrongSaltOrChecksumEndsTheLog(int word) throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        long before = log.size();

        run("UPDATE t SET v = zeroblob(100) WHERE id = 1");
        snapshot();
        addOne(memWal, (int) before + word); // the first frame of the new commit
        mirror.copyCommitted();

        assertEquals(before, log.size(), "the commit whose frame fails is not taken");
        assertOnDisk(20);
        assertEquals(0, queryOnDisk("SELECT count(*) FROM t WHERE v = zeroblob(100)"));
    }

    @Test
    void anInMemoryLogWithBigEndianChecksumsIsFollowedFrameForFrame() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        run("PRAGMA wal_checkpoint(PASSIVE)");
        copy();
        long before = log.size();

        bounce(); // restarts the log
        snapshot();
        toBigEndianChecksums(memWal); // as SQLite writes it on a big-endian machine
        assertTrue(memoryLog().bigEndianSums);
        mirror.copyCommitted();

        assertEquals(memoryLog().end - HEADER, log.size() - before);
        assertOnDisk(20);
    }

    @Test
    void aTransactionThatSpilledIntoARestartedLogIsCopiedWhenItCommits() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        int salt = memoryLog().salt1;
        run("PRAGMA wal_checkpoint(PASSIVE)", "PRAGMA cache_size = 10", "BEGIN");
        for (int i = 0; i < 100; i++) {
            run("INSERT INTO t(v) VALUES (randomblob(1000))");
        }
        copy(); // the file changed (the checkpoint), the log restarted, nothing in it committed: compared
        assertNotEquals(salt, memoryLog().salt1, "the open transaction spilled pages into a restarted log");
        assertEquals(0, memoryLog().end);

        run("COMMIT");
        copy();

        assertOnDisk(120);
    }

    // ---- what the mirror did not see: compared page by page

    @Test
    void commitsCheckpointedAndFollowedByARestartBeforeTheMirrorLookedAreOnDisk() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        run("INSERT INTO t(v) SELECT randomblob(3000) FROM t", "PRAGMA wal_checkpoint(PASSIVE)",
                "INSERT INTO t(v) VALUES (randomblob(100))");
        copy();
        assertOnDiskNow(41);

        long before = log.size(); // after the comparison, the mirror follows SQLite's log again
        bounce();
        copy();
        assertEquals(2 * (24 + 4096), log.size() - before, "both commits' frames were appended");
        assertOnDisk(41);
    }

    @Test
    void commitsCheckpointedByTruncateBeforeTheMirrorLookedAreOnDisk() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        run("INSERT INTO t(v) SELECT randomblob(3000) FROM t", "PRAGMA wal_checkpoint(TRUNCATE)");
        copy();
        assertEquals(0, Files.size(memWal));
        assertOnDisk(40);
    }

    @Test
    void commitsCheckpointedIntoTheFileAndTheLogDeletedBeforeTheMirrorLookedAreOnDisk() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        run("INSERT INTO t(v) SELECT randomblob(3000) FROM t");
        sql.close(); // the last connection checkpoints and deletes the log
        sql = null;
        copy();
        assertFalse(Files.exists(memWal));
        assertOnDisk(40);
    }

    // ---- start

    @Test
    void startTakesAnInMemoryLogEqualToTheLogOnDiskAsOnDiskWithoutComparing() throws Exception {
        memoryWithAnUncheckpointedUpdate();
        diskFromMemory(true);
        setApplicationId(disk, 42); // a difference start is told not to look for
        open();
        long before = log.size();
        mirror.start(false);
        assertEquals(before, log.size());
        assertOnDisk(20);
        assertEquals(42, queryOnDisk("PRAGMA application_id"));
    }

    @Test
    void startWithoutAnyLogComparesNothing() throws Exception {
        memoryWith(4096, 20);
        run("PRAGMA wal_checkpoint(TRUNCATE)");
        sql.close();
        sql = null;
        snapshot();
        assertFalse(Files.exists(memWal));
        diskFromMemory(false);
        setApplicationId(disk, 42);
        open();
        mirror.start(false);
        assertEquals(0, log.size());
        assertOnDisk(20);
        assertEquals(42, queryOnDisk("PRAGMA application_id"));
    }

    @Test
    void startToldToCompareAppendsExactlyThePagesThatDiffer() throws Exception {
        memoryWith(4096, 20);
        run("PRAGMA wal_checkpoint(TRUNCATE)");
        snapshot();
        diskFromMemory(false);
        setApplicationId(disk, 42); // page 1 differs, nothing else
        open();
        mirror.start(true);

        WalFile.Committed onDisk = diskLog();
        assertEquals(Map.of(1, (long) HEADER + 24), onDisk.pages, "page 1 appended, alone, to the log");
        assertEquals(Files.size(memDb) / 4096, onDisk.databasePages);
        assertOnDisk(20);
        assertEquals(0, queryOnDisk("PRAGMA application_id"));
    }

    @Test
    void aComparisonReadsEachPageWhereItsNewestCommittedCopyIs() throws Exception {
        // in memory the update is in the log; on disk native SQLite folded it into the file
        memoryWithAnUncheckpointedUpdate();
        diskFromMemory(true);
        try (Connection n = Databases.raw(disk)) {
            Databases.queryString(n, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        Files.deleteIfExists(diskWal);
        open();
        mirror.start(true);
        assertEquals(0, log.size(), "the states are equal page by page: nothing to append");
        assertOnDisk(20);
        assertEquals(1, queryOnDisk("SELECT count(*) FROM t WHERE v = zeroblob(100)"));
    }

    @Test
    void aComparisonReadsThePagesOfTheLogOnDiskToo() throws Exception {
        memoryWithAnUncheckpointedUpdate();
        diskFromMemory(true);
        run("PRAGMA wal_checkpoint(TRUNCATE)"); // now memory has it all in the file, the disk in its log
        snapshot();
        open();
        long before = log.size();
        mirror.start(true);
        assertEquals(before, log.size(), "the states are equal page by page: nothing to append");
        assertOnDisk(20);
    }

    @Test
    void aFileOnDiskLongerThanTheCommittedStateIsCutToItByACommit() throws Exception {
        memoryWith(4096, 20);
        run("PRAGMA wal_checkpoint(TRUNCATE)");
        snapshot();
        diskFromMemory(false);
        long pages = Files.size(memDb) / 4096;
        try (FileChannel ch = FileChannel.open(disk, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4096), pages * 4096); // a page past the committed state, all zeros
        }
        open();
        mirror.start(true);

        WalFile.Committed onDisk = diskLog();
        assertEquals(pages, onDisk.databasePages, "a commit frame says the database has the pages of the state");
        assertOnDisk(20);
    }

    @Test
    void aDatabaseOf64KiBPagesIsComparedPageByPage() throws Exception {
        memoryWith(65536, 5);
        run("PRAGMA wal_checkpoint(TRUNCATE)");
        snapshot();
        diskFromMemory(false);
        setApplicationId(disk, 42);
        open();
        mirror.start(true);

        WalFile.Committed onDisk = diskLog();
        assertEquals(65536, onDisk.pageSize);
        assertEquals(Map.of(1, (long) HEADER + 24), onDisk.pages);
        assertOnDisk(5);
        assertEquals(0, queryOnDisk("PRAGMA application_id"));
    }

    @Test
    void aPageTheLastCommitCountsButNeitherTheLogNorTheFileHoldsIsWrittenAsZeros() throws Exception {
        memoryWith(4096, 20);
        run("PRAGMA wal_checkpoint(TRUNCATE)");
        sql.close();
        sql = null;
        snapshot();
        long pages = Files.size(memDb) / 4096;
        // a log saying the database now has two more pages, holding only the first of them
        new WalBytes(WalBytes.LITTLE, 4096, 4096, 1, 5, 6).frame((int) pages + 1, (int) pages + 2, 7).writeTo(memWal);
        Files.setLastModifiedTime(memWal, next());
        open(); // an empty file on disk: the state is written as a new file
        mirror.start(true);

        assertEquals((pages + 2) * 4096, Files.size(disk));
        byte[] written = Files.readAllBytes(disk);
        byte[] expected = Arrays.copyOf(Files.readAllBytes(memDb), (int) (pages + 2) * 4096);
        Arrays.fill(expected, (int) pages * 4096, (int) (pages + 1) * 4096, (byte) 7);
        assertTrue(Arrays.equals(expected, written), "the file's pages, the log's page, then a page of zeros");
    }

    // ---- the stamps: what SQLite did not write is not looked at

    @Test
    void nothingIsReadWhileNeitherInMemoryFileWasWrittenSinceTheLastLook() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        long before = log.size();
        Map<Path, FileTime> stamps = stamps();
        run("UPDATE t SET v = randomblob(100) WHERE id = 1");
        snapshot();
        restore(stamps); // the content changed behind stamps that did not
        mirror.copyCommitted();
        assertEquals(before, log.size());

        Files.setLastModifiedTime(memWal, next());
        mirror.copyCommitted();
        assertEquals(memoryLog().end, log.size());
    }

    @Test
    void anInMemoryLogOfAnotherPageSizeIsNeverAppendedToTheLogOnDisk() throws Exception {
        memoryWith(4096, 20);
        startFromACopy();
        assertEquals(4096, log.pageSize());
        // the in-memory files become another database of 1024-byte pages, behind a file stamp that says unchanged
        FileTime dbStamp = Files.getLastModifiedTime(memDb);
        sql.close();
        sql = null;
        Files.delete(live);
        Files.deleteIfExists(Path.of(live + "-wal"));
        memoryWith(1024, 7);
        snapshot();
        Files.setLastModifiedTime(memDb, dbStamp);
        FileChannel replaced = mirror.database();

        mirror.copyCommitted();

        assertNotSame(replaced, mirror.database(), "the state was written as a new file");
        assertFalse(replaced.isOpen(), "the replaced file's descriptor is closed");
        assertOnDisk(7);
        assertEquals(1024, queryOnDisk("PRAGMA page_size"));
    }

    // ---- helpers

    /** The live database in WAL mode with a table {@code t} of {@code rows} rows, copied to memory. */
    private void memoryWith(int pageSize, int rows) throws Exception {
        sql = Databases.raw(live);
        run("PRAGMA page_size = " + pageSize, "PRAGMA journal_mode = WAL", "PRAGMA wal_autocheckpoint = 0",
                "CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER DEFAULT 0, v BLOB)");
        for (int i = 0; i < rows; i++) {
            run("INSERT INTO t(v) VALUES (randomblob(100))");
        }
        snapshot();
    }

    /**
     * Two commits that change a row and change it back: SQLite writes its page twice, the state ends as it
     * was (the record keeps its size, so the page's bytes come back too). Following SQLite's log appends
     * both frames; comparing the states finds nothing to append.
     */
    private void bounce() throws SQLException {
        run("UPDATE t SET n = 1 WHERE id = 1", "UPDATE t SET n = 0 WHERE id = 1");
    }

    /** Memory: the rows in the file, and in the log one commit that rewrites a row in place (page 1 untouched). */
    private void memoryWithAnUncheckpointedUpdate() throws Exception {
        memoryWith(4096, 20);
        run("PRAGMA wal_checkpoint(TRUNCATE)", "UPDATE t SET v = zeroblob(100) WHERE id = 1");
        snapshot();
        WalFile.Committed mem = memoryLog();
        assertTrue(mem.end > 0);
        assertFalse(mem.pages.containsKey(1), "page 1 is not in the in-memory log");
    }

    /** The disk as the engine's open leaves it: a copy of the in-memory files; the mirror started on it. */
    private void startFromACopy() throws IOException {
        diskFromMemory(true);
        open();
        mirror.start(false);
        assertEquals(memoryLog().end, log.size());
    }

    private void diskFromMemory(boolean withLog) throws IOException {
        Files.copy(memDb, disk, StandardCopyOption.REPLACE_EXISTING);
        if (withLog && Files.exists(memWal)) {
            Files.copy(memWal, diskWal, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void open() throws IOException {
        FileChannel database = FileChannel.open(disk, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        log = DiskLog.open(diskWal, database.size() == 0);
        mirror = new WalMirror(disk, database, log, memDb, memWal);
    }

    private void run(String... statements) throws SQLException {
        try (Statement s = sql.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private void copy() throws IOException {
        snapshot();
        mirror.copyCommitted();
    }

    /** Copies the live files to the in-memory ones; a file whose content changed gets a new stamp. */
    private void snapshot() throws IOException {
        snapshot(live, memDb);
        snapshot(Path.of(live + "-wal"), memWal);
    }

    private void snapshot(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            Files.deleteIfExists(to);
            copied.remove(to);
            return;
        }
        byte[] now = Files.readAllBytes(from);
        if (!Arrays.equals(now, copied.get(to))) {
            Files.write(to, now);
            Files.setLastModifiedTime(to, next());
            copied.put(to, now);
        }
    }

    private FileTime next() {
        return FileTime.fromMillis(1_000_000_000_000L + 1000 * ++clock);
    }

    private Map<Path, FileTime> stamps() throws IOException {
        Map<Path, FileTime> m = new HashMap<>();
        for (Path p : new Path[] {memDb, memWal}) {
            if (Files.exists(p)) {
                m.put(p, Files.getLastModifiedTime(p));
            }
        }
        return m;
    }

    private static void restore(Map<Path, FileTime> stamps) throws IOException {
        for (Map.Entry<Path, FileTime> e : stamps.entrySet()) {
            Files.setLastModifiedTime(e.getKey(), e.getValue());
        }
    }

    private WalFile.Committed memoryLog() throws IOException {
        return read(memWal);
    }

    private WalFile.Committed diskLog() throws IOException {
        return read(diskWal);
    }

    private static WalFile.Committed read(Path wal) throws IOException {
        if (!Files.exists(wal)) {
            return WalFile.Committed.none();
        }
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.READ)) {
            return WalFile.read(ch);
        }
    }

    /** Adds one to the big-endian word at {@code at} of a file, keeping its stamp. */
    private static void addOne(Path file, int at) throws IOException {
        FileTime stamp = Files.getLastModifiedTime(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(4);
            ch.read(b, at);
            ch.write(ByteBuffer.allocate(4).putInt(0, b.getInt(0) + 1), at);
        }
        Files.setLastModifiedTime(file, stamp);
    }

    private static void setApplicationId(Path db, int id) throws IOException {
        try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).putInt(0, id), 68);
        }
    }

    /**
     * Rewrites a log with big-endian checksums (magic 0x377f0683), as SQLite writes it on a big-endian
     * machine: the header's and every valid frame's checksums recomputed in that order; keeps its stamp.
     */
    private static void toBigEndianChecksums(Path wal) throws IOException {
        FileTime stamp = Files.getLastModifiedTime(wal);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wal));
        int pageSize = b.getInt(8);
        int salt1 = b.getInt(16);
        int salt2 = b.getInt(20);
        int[] s = {0, 0};
        b.putInt(0, WalBytes.BIG);
        sum(b, 0, 24, s);
        b.putInt(24, s[0]).putInt(28, s[1]);
        for (int at = HEADER; at + 24 + pageSize <= b.capacity(); at += 24 + pageSize) {
            if (b.getInt(at) == 0 || b.getInt(at + 8) != salt1 || b.getInt(at + 12) != salt2) {
                break;
            }
            sum(b, at, 8, s);
            sum(b, at + 24, pageSize, s);
            b.putInt(at + 16, s[0]).putInt(at + 20, s[1]);
        }
        Files.write(wal, b.array());
        Files.setLastModifiedTime(wal, stamp);
    }

    private static void sum(ByteBuffer b, int from, int length, int[] s) {
        ByteBuffer w = b.duplicate().order(ByteOrder.BIG_ENDIAN);
        for (int i = from; i < from + length; i += 8) {
            s[0] += w.getInt(i) + s[1];
            s[1] += w.getInt(i + 4) + s[0];
        }
    }

    /** Closes everything, then checks the file on disk with plain sqlite-jdbc. */
    private void assertOnDisk(long rows) throws Exception {
        closeAll();
        assertOnDiskNow(rows);
    }

    /** Checks a copy of the database on disk (with its log) with plain sqlite-jdbc, the mirror still open. */
    private void assertOnDiskNow(long rows) throws Exception {
        Path copy = dir.resolve("check-" + ++clock + ".db");
        Files.copy(disk, copy);
        if (Files.exists(diskWal)) {
            Files.copy(diskWal, Path.of(copy + "-wal"));
        }
        try (Connection n = Databases.raw(copy)) {
            assertEquals("ok", Databases.queryString(n, "PRAGMA integrity_check"));
            assertEquals(rows, Databases.queryLong(n, "SELECT count(*) FROM t"));
        }
    }

    private long queryOnDisk(String query) throws Exception {
        closeAll();
        try (Connection n = Databases.raw(disk)) {
            return Databases.queryLong(n, query);
        }
    }
}
