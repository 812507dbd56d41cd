package io.pooledsqlite.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Builds write-ahead logs byte by byte from SQLite's documented format (https://sqlite.org/fileformat.html),
 * with a checksum of its own, so tests of WalFile and DiskLog do not check the code with itself.
 */
final class WalBytes {
    static final int LITTLE = 0x377f0682;
    static final int BIG = 0x377f0683;

    private final ByteBuffer out = ByteBuffer.allocate(1 << 20);
    private final boolean big;
    private final int salt1;
    private final int salt2;
    private final int pageSize;
    private int s0;
    private int s1;

    /** A log whose header carries {@code pageSizeField} (1 meaning 65536) and whose frames hold {@code pageSize} bytes. */
    WalBytes(int magic, int pageSizeField, int pageSize, int checkpointSequence, int salt1, int salt2) {
        this.big = (magic & 1) == 1;
        this.salt1 = salt1;
        this.salt2 = salt2;
        this.pageSize = pageSize;
        out.putInt(magic).putInt(3007000).putInt(pageSizeField).putInt(checkpointSequence).putInt(salt1).putInt(salt2);
        sum(0, 24);
        out.putInt(s0).putInt(s1);
    }

    static WalBytes little(int pageSize) {
        return new WalBytes(LITTLE, pageSize, pageSize, 7, 11, 22);
    }

    /** Appends a correct frame of {@code page} filled with {@code fill}; commitPages 0 for a non-commit frame. */
    WalBytes frame(int page, int commitPages, int fill) {
        return frame(page, commitPages, fill, salt1, salt2, false);
    }

    WalBytes frame(int page, int commitPages, int fill, int frameSalt1, int frameSalt2, boolean badSum) {
        int at = out.position();
        out.putInt(page).putInt(commitPages).putInt(frameSalt1).putInt(frameSalt2);
        int[] before = {s0, s1};
        sum(at, 8);
        out.position(at + 24);
        for (int i = 0; i < pageSize; i++) {
            out.put((byte) fill);
        }
        sum(at + 24, pageSize);
        out.putInt(at + 16, badSum ? s0 + 1 : s0).putInt(at + 20, s1);
        if (badSum) {
            s0 = before[0];
            s1 = before[1];
        }
        return this;
    }

    /** Overwrites the 4 bytes at {@code at} (to break a header after its checksum was computed). */
    WalBytes poke(int at, int value) {
        out.putInt(at, value);
        return this;
    }

    /** Adds one to the 4 bytes at {@code at} (to break one word of a checksum and keep the other). */
    WalBytes addOne(int at) {
        out.putInt(at, out.getInt(at) + 1);
        return this;
    }

    int size() {
        return out.position();
    }

    Path writeTo(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = out.duplicate().flip();
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
        return file;
    }

    private void sum(int from, int length) {
        ByteBuffer w = out.duplicate().order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < from + length; i += 8) {
            s0 += w.getInt(i) + s1;
            s1 += w.getInt(i + 4) + s0;
        }
    }
}
