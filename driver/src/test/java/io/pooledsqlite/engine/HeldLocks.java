package io.pooledsqlite.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The POSIX record locks this process holds on a file, as Linux's {@code /proc/locks} lists them (tests
 * are skipped elsewhere). Inside one JVM a lock lost by closing another descriptor of the file shows
 * nowhere else: the JVM still believes it holds it, while other processes may now take it.
 */
final class HeldLocks {
    private HeldLocks() {
    }

    /** How many locks this process holds on {@code file} (by its inode). */
    static long of(Path file) throws IOException {
        Path locks = Path.of("/proc/locks");
        Assumptions.assumeTrue(Files.isReadable(locks), "no /proc/locks here");
        String pid = Long.toString(ProcessHandle.current().pid());
        String inode = ":" + Files.getAttribute(file, "unix:ino");
        long n = 0;
        for (String line : Files.readAllLines(locks)) {
            // "1: POSIX  ADVISORY  WRITE 4711 fd:01:393219 1073741824 1073741824"
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && f[1].equals("POSIX") && f[4].equals(pid) && f[5].endsWith(inode)) {
                n++;
            }
        }
        return n;
    }
}
