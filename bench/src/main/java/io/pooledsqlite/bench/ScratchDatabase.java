package io.pooledsqlite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private directory holding the SQLite file of one benchmark trial, removed with everything in it
 * (database, -wal, -shm) when closed. The parent directory is {@code -Dbench.dir}, else the JVM's temp dir.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final Path directory;
    private final Path file;

    private ScratchDatabase(Path directory, Path file) {
        this.directory = directory;
        this.file = file;
    }

    /** Creates an empty directory for a database called {@code name}.db; the file itself is not created. */
    public static ScratchDatabase create(String name) {
        try {
            Path parent = benchDirectory();
            Path directory = Files.createTempDirectory(parent, "pooledsqlite-bench-");
            return new ScratchDatabase(directory, directory.resolve(name + ".db"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch database directory", e);
        }
    }

    /** Where benchmark databases live: {@code -Dbench.dir} or {@code java.io.tmpdir}. */
    public static Path benchDirectory() throws IOException {
        Path parent = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
        return Files.createDirectories(parent);
    }

    /** The database file path. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }
}
