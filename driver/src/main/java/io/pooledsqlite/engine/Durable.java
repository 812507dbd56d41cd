package io.pooledsqlite.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** File operations that are on disk when they return. */
final class Durable {
    private Durable() {
    }

    /** Replaces {@code target} with {@code content} atomically: write a copy, sync it, rename it over. */
    static void replace(Path target, FileChannel content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".pooledsqlite-tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long size = content.size();
            long done = 0;
            while (done < size) {
                done += content.transferTo(done, size - done, out);
            }
            out.force(true);
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
    }

    /** Syncs a directory so a rename or delete in it survives a power loss (a no-op where unsupported). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** Copies {@code length} bytes at {@code from} of one channel to the same place in another. */
    static void copyRange(FileChannel in, FileChannel out, long from, long length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(length, 1 << 20));
        long at = from;
        long end = from + length;
        while (at < end) {
            b.clear();
            b.limit((int) Math.min(b.capacity(), end - at));
            int n = in.read(b, at);
            if (n < 0) {
                throw new IOException("Unexpected end of input at " + at);
            }
            b.flip();
            while (b.hasRemaining()) {
                out.write(b, at + b.position());
            }
            at += n;
        }
    }
}
