package io.pooledsqlite.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** File operations that are on disk when they return. */
final class Durable {
    private Durable() {
    }

    /** Writes the content of a file being created. */
    interface Content {
        void writeTo(FileChannel out) throws IOException;
    }

    /**
     * Replaces {@code target} atomically: writes a new file, syncs it, locks SQLite out of it
     * ({@link SqliteLocks#lockOut}), renames it over the target and syncs the directory. Returns the new
     * file's channel, which holds the lock: the new file is never unguarded.
     */
    static FileChannel replaceLocked(Path target, Content content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".pooledsqlite-tmp");
        FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            content.writeTo(out);
            out.force(true);
            if (SqliteLocks.lockOut(out) == null) {
                throw new IOException("Cannot lock " + tmp);
            }
            if (Files.exists(target)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the new file keeps the default permissions
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.toAbsolutePath().getParent());
            return out;
        } catch (IOException | RuntimeException e) {
            out.close();
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Syncs a directory so a rename or delete in it survives a power loss (a no-op where unsupported). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
