package io.pooledsqlite.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** This process's open file descriptors, as Linux's {@code /proc} lists them (tests are skipped elsewhere). */
final class OpenDescriptors {
    private OpenDescriptors() {
    }

    /** How many of this process's open descriptors point at {@code file}. */
    static long of(Path file) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(fds), "no /proc here");
        Path target = file.toAbsolutePath();
        long n = 0;
        try (Stream<Path> list = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) list::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).equals(target)) {
                        n++;
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listing
                }
            }
        }
        return n;
    }
}
