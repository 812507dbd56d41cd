package io.pooledsqlite.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads what this engine needs from SQLite's rollback journal format (https://www.sqlite.org/fileformat.html). */
final class RollbackJournal {
    private static final long MAGIC = 0xd9d505f920a163d7L;

    private RollbackJournal() {
    }

    /**
     * The super-journal a journal names (a multi-database transaction writes its name last: the name, its
     * length, its checksum and the journal magic), or null if it names none.
     */
    static String superJournal(Path journal) throws IOException {
        try (FileChannel in = FileChannel.open(journal, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < 16 + 4) {
                return null;
            }
            ByteBuffer tail = WalFile.readFully(in, size - 16, 16);
            int length = tail.getInt(0);
            if (tail.getLong(8) != MAGIC || length <= 0 || length > 4096 || length > size - 20) {
                return null;
            }
            ByteBuffer name = WalFile.readFully(in, size - 16 - length, length);
            String s = StandardCharsets.UTF_8.decode(name).toString();
            int nul = s.indexOf('\0');
            return nul >= 0 ? s.substring(0, nul) : s;
        }
    }
}
