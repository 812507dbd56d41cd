package io.pooledsqlite.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * Whether sqlite-jdbc's native library is usable in this class loader, decided once (sqlite-jdbc's own
 * loader state is static per class loader too).
 *
 * <p>First as shipped. If that fails, sqlite-jdbc extracts its library to {@code org.sqlite.tmpdir}
 * (default {@code java.io.tmpdir}), which fails when that directory cannot hold or execute it (noexec
 * mounts, read-only or missing temp dirs). sqlite-jdbc remembers its first failed attempt but
 * {@link SQLiteJDBCLoader#initialize()} loads again when called, and its native methods link on first
 * use, so a second attempt with {@code org.sqlite.tmpdir} pointing at a private directory recovers in
 * the same class loader.
 */
final class NativeLibrary {
    /** How the library became usable, or that it did not. */
    enum State { SHIPPED, RELOCATED, UNAVAILABLE }

    /** Overrides the private directory the relocated library is extracted to. */
    static final String DIRECTORY_PROPERTY = "pooledsqlite.nativeDir";
    private static final String SQLITE_TMPDIR = "org.sqlite.tmpdir";

    private static State state;
    private static String why = "";

    private NativeLibrary() {
    }

    /** Loads the library if not yet decided; never throws. */
    static synchronized State load() {
        if (state != null) {
            return state;
        }
        Throwable shipped = probe();
        if (shipped == null) {
            state = State.SHIPPED;
            return state;
        }
        why = "the native library did not load from " + System.getProperty(SQLITE_TMPDIR,
                System.getProperty("java.io.tmpdir")) + " (" + describe(shipped) + ")";
        Path dir;
        try {
            dir = privateDirectory();
        } catch (IOException | RuntimeException e) {
            why += "; no private directory for it either (" + describe(e) + ")";
            state = State.UNAVAILABLE;
            return state;
        }
        String previous = System.getProperty(SQLITE_TMPDIR);
        System.setProperty(SQLITE_TMPDIR, dir.toString());
        try {
            SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            // the probe below reports it
        } finally {
            if (previous == null) {
                System.clearProperty(SQLITE_TMPDIR);
            } else {
                System.setProperty(SQLITE_TMPDIR, previous);
            }
        }
        Throwable relocated = probe();
        if (relocated == null) {
            why += "; loaded it from the private directory " + dir;
            state = State.RELOCATED;
        } else {
            why += "; nor from the private directory " + dir + " (" + describe(relocated) + ")";
            state = State.UNAVAILABLE;
        }
        return state;
    }

    /** Why the library is not used as shipped; empty if it is. */
    static synchronized String why() {
        return why;
    }

    /** Opens and closes a private in-memory database: the cheapest call that needs the library. */
    private static Throwable probe() {
        try (Connection c = new JDBC4Connection("jdbc:sqlite::memory:", ":memory:", new Properties())) {
            return null;
        } catch (SQLException | LinkageError e) {
            return e;
        }
    }

    /**
     * The directory the library is extracted to on the second attempt: owned by this process's user and
     * closed to everyone else, because a library loaded from a directory others can write to could be
     * replaced by them.
     */
    static Path privateDirectory() throws IOException {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        Path dir = configured != null && !configured.isEmpty()
                ? Paths.get(configured)
                : Paths.get(System.getProperty("user.home"), ".cache", "pooledsqlite", "native");
        dir = dir.toAbsolutePath().normalize();
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(ownerOnly));
        }
        // also fixes a directory created earlier with looser permissions; fails if someone else owns it
        Files.setPosixFilePermissions(dir, ownerOnly);
        return dir;
    }

    /** The first line of a failure and of its root cause: enough to say why in one log line. */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String s = t.getClass().getSimpleName() + ": " + t.getMessage();
        return root == t ? s : s + ", caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
