package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacing a file atomically, on real files. */
class DurableTest {
    @TempDir
    Path dir;

    private static Durable.Content bytes(byte... content) {
        return out -> out.write(ByteBuffer.wrap(content), 0);
    }

    @Test
    void theNewContentReplacesTheFileWhichKeepsItsPermissions() throws Exception {
        Path target = Files.write(dir.resolve("app.db"), new byte[] {1, 2, 3, 4});
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        try (FileChannel replacement = Durable.replaceLocked(target, bytes((byte) 9, (byte) 8))) {
            assertTrue(replacement.isOpen(), "the new file's channel is handed back open");
            assertArrayEquals(new byte[] {9, 8}, Files.readAllBytes(target));
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
            assertFalse(Files.exists(dir.resolve("app.db.pooledsqlite-tmp")), "no temporary file is left");
            assertThrows(OverlappingFileLockException.class, () -> replacement.lock(0x40000000L + 2, 510, true),
                    "the returned channel holds SQLite's shared range, so no native writer gets in");
        }
    }

    @Test
    void aFileThatDidNotExistIsCreated() throws Exception {
        Path target = dir.resolve("new.db");
        try (FileChannel replacement = Durable.replaceLocked(target, bytes((byte) 5))) {
            assertArrayEquals(new byte[] {5}, Files.readAllBytes(target));
            assertEquals(1, replacement.size());
        }
    }

    @Test
    void aFailureWhileWritingLeavesTheFileAsItWasAndNoTemporaryFile() throws Exception {
        Path target = Files.write(dir.resolve("kept.db"), new byte[] {1, 2, 3});
        IOException failure = new IOException("disk went away");
        IOException e = assertThrows(IOException.class, () -> Durable.replaceLocked(target, out -> {
            out.write(ByteBuffer.wrap(new byte[] {7, 7}), 0);
            throw failure;
        }));
        assertSame(failure, e);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertFalse(Files.exists(dir.resolve("kept.db.pooledsqlite-tmp")));
    }
}
