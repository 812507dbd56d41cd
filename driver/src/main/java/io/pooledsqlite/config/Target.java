package io.pooledsqlite.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a pool's target names (what follows {@code jdbc:pooledsqlite:} without the pool's keys), read as
 * sqlite-jdbc and SQLite read it: the one place that decides whether it is a file, a {@code file:} URI,
 * an in-memory database, a class path resource or a dqlite cluster, which file it is, and so which pools
 * share a write gate. Immutable.
 */
public final class Target {
    /** The scheme that marks a target as a dqlite cluster. */
    public static final String DQLITE_SCHEME = "dqlite://";
    /** sqlite-jdbc's prefix for a database copied out of the class path. */
    private static final String RESOURCE_PREFIX = ":resource:";
    /** SQLite's URI filenames start so, case and all ({@code FILE:x} is a file named so). */
    private static final String URI_PREFIX = "file:";

    /** The kinds of target, as sqlite-jdbc and SQLite tell them apart. */
    public enum Kind {
        /** {@code :memory:} or the empty name: the pool keeps one in-memory database of its own. */
        PRIVATE_MEMORY,
        /** A file path. */
        FILE,
        /** A {@code file:} URI naming a file. */
        FILE_URI,
        /**
         * A {@code file:} URI naming no file of its own: an in-memory database ({@code mode=memory},
         * {@code vfs=memdb}, {@code file::memory:}) or, with an empty path, SQLite's temporary database.
         */
        MEMORY_URI,
        /** {@code :resource:name}: a class path resource sqlite-jdbc copies to a temporary file. */
        RESOURCE,
        /** {@code dqlite://host:port[,host:port…]/name}: a database on a dqlite cluster. */
        DQLITE
    }

    /** Query parameters of a {@code file:} URI that belong to SQLite itself and stay in the target. */
    private static final Set<String> SQLITE_URI_PARAMETERS =
            Set.of("vfs", "mode", "cache", "psow", "nolock", "immutable", "modeof");

    private final String text;
    private final Kind kind;
    /** The file for {@link Kind#FILE} and {@link Kind#FILE_URI}, absolute but not resolved; else {@code null}. */
    private final Path file;
    private final List<String> nodes;
    private final String database;

    private Target(String text, Kind kind, Path file, List<String> nodes, String database) {
        this.text = text;
        this.kind = kind;
        this.file = file;
        this.nodes = nodes;
        this.database = database;
    }

    /**
     * Reads a target.
     *
     * @throws SQLException ({@link ConfigErrors#BAD_URL}) for a dqlite target that is not of the form
     *     {@code dqlite://host:port[,host:port]/name}, or a file path the platform cannot represent
     */
    public static Target parse(String text) throws SQLException {
        if (text.isEmpty() || text.equals(":memory:")) {
            return new Target(text, Kind.PRIVATE_MEMORY, null, List.of(), null);
        }
        if (text.regionMatches(true, 0, DQLITE_SCHEME, 0, DQLITE_SCHEME.length())) {
            return dqlite(text);
        }
        if (text.startsWith(RESOURCE_PREFIX)) {
            return new Target(text, Kind.RESOURCE, null, List.of(), null);
        }
        if (text.startsWith(URI_PREFIX)) {
            String path = uriPath(text);
            if (path.isEmpty() || path.equals(":memory:") || hasParameter(text, "mode", "memory")
                    || hasParameter(text, "vfs", "memdb")) {
                return new Target(text, Kind.MEMORY_URI, null, List.of(), null);
            }
            return new Target(text, Kind.FILE_URI, absolute(text, path), List.of(), null);
        }
        // not a URI, so "x.db?mode=memory" is a file of that name: sqlite-jdbc skips its directory check for
        // such a name, but SQLite creates the file
        return new Target(text, Kind.FILE, absolute(text, text), List.of(), null);
    }

    /**
     * True if the URL query parameter {@code key} after {@code target} belongs to the target rather than to
     * the pool's settings: one of SQLite's own parameters of a {@code file:} URI.
     */
    public static boolean keepsParameter(String target, String key) {
        return target.startsWith(URI_PREFIX)
                && SQLITE_URI_PARAMETERS.contains(percentDecode(key).toLowerCase(Locale.ROOT));
    }

    /** The target as written. */
    public String text() {
        return text;
    }

    /** What kind of database the target names. */
    public Kind kind() {
        return kind;
    }

    /** True for {@code :memory:} and the empty name: one in-memory database per pool, kept by the pool. */
    public boolean privateMemory() {
        return kind == Kind.PRIVATE_MEMORY;
    }

    /** True for an in-memory database of any kind: there is no file behind it. */
    public boolean inMemory() {
        return kind == Kind.PRIVATE_MEMORY || kind == Kind.MEMORY_URI;
    }

    /** True for a plain file path: only then may the pool look at the file itself (watch it, check its directory). */
    public boolean plainFile() {
        return kind == Kind.FILE;
    }

    /** True for a dqlite cluster. */
    public boolean dqlite() {
        return kind == Kind.DQLITE;
    }

    /** True for a {@code file:} URI with SQLite parameters after a {@code ?}. */
    public boolean hasUriParameters() {
        return text.startsWith(URI_PREFIX) && text.indexOf('?') >= 0;
    }

    /**
     * The database file, absolute (symlinks not resolved): for a file path and a {@code file:} URI naming
     * a file, its path percent-decoded as SQLite decodes it; {@code null} for every other kind.
     */
    public Path file() {
        return file;
    }

    /** The addresses of the cluster's nodes a dqlite target gives (lower case); empty for other kinds. */
    public List<String> dqliteNodes() {
        return nodes;
    }

    /** The database's name on a dqlite cluster; {@code null} for other kinds. */
    public String dqliteDatabase() {
        return database;
    }

    /**
     * What the engine opens for the pool tagged {@code poolTag} (a tag unique to one pool in the JVM): the
     * target as written, or for a private in-memory database a {@code memdb} name of that pool's own.
     */
    public String physical(String poolTag) {
        if (kind == Kind.PRIVATE_MEMORY) {
            // cache=private keeps sqlite-jdbc from switching SQLite's process-wide shared-cache mode
            return "file:/pooledsqlite-memory-" + poolTag + "?vfs=memdb&cache=private";
        }
        return text;
    }

    /**
     * The key that decides which pools share a write gate: for a file, its real path (through symlinks, and
     * the same for a path and a {@code file:} URI of one file, even before the file exists); for a private
     * in-memory database the pool's own {@link #physical(String) physical} name; otherwise the target as written.
     */
    public String gateKey(String poolTag) {
        if (file == null) {
            return physical(poolTag);
        }
        try {
            return realPath(file).toString();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return file.normalize().toString();
        }
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The real path of a file that may not exist yet: the real path of its nearest existing ancestor with
     * the rest appended, so spellings through symlinks meet at one gate before the file exists too.
     */
    private static Path realPath(Path p) throws IOException {
        if (Files.exists(p)) {
            return p.toRealPath();
        }
        Path parent = p.getParent();
        return parent == null ? p.normalize() : realPath(parent).resolve(p.getFileName()).normalize();
    }

    private static Path absolute(String text, String path) throws SQLException {
        try {
            return Paths.get(path).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw ConfigErrors.malformedUrl(ConfigParser.PREFIX + text, "'" + path + "' is not a file path: "
                    + e.getReason());
        }
    }

    /** The path of a {@code file:} URI as SQLite reads it: without authority, query and fragment, decoded. */
    private static String uriPath(String uri) {
        String rest = uri.substring(URI_PREFIX.length());
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        rest = rest.substring(0, end);
        if (rest.startsWith("//")) {
            // SQLite accepts an empty authority or "localhost" only
            int slash = rest.indexOf('/', 2);
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        return percentDecode(rest);
    }

    private static boolean hasParameter(String uri, String name, String value) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return false;
        }
        int hash = uri.indexOf('#', q);
        for (String pair : uri.substring(q + 1, hash < 0 ? uri.length() : hash).split("&")) {
            int eq = pair.indexOf('=');
            // SQLite decodes a parameter's name as it decodes its value
            if (eq > 0 && percentDecode(pair.substring(0, eq)).equals(name)
                    && percentDecode(pair.substring(eq + 1)).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** SQLite's decoding of {@code %HH} in URI filenames (a malformed escape stays as written). */
    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            int hi = i + 2 < in.length && in[i] == '%' ? Character.digit(in[i + 1], 16) : -1;
            int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
            if (lo >= 0) {
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else {
                out[n++] = in[i];
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static Target dqlite(String text) throws SQLException {
        String rest = text.substring(DQLITE_SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw malformedDqlite(text, "it names no database: write " + DQLITE_SCHEME + "host:port[,host:port]/name");
        }
        String database = rest.substring(slash + 1);
        if (database.indexOf('/') >= 0 || database.indexOf('\0') >= 0) {
            throw malformedDqlite(text, "the database name '" + database + "' contains '/' or NUL");
        }
        List<String> addresses = new ArrayList<>();
        for (String a : rest.substring(0, slash).split(",", -1)) {
            String address = a.trim();
            int colon = address.lastIndexOf(':');
            if (address.isEmpty() || colon <= 0 || colon == address.length() - 1
                    || !address.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw malformedDqlite(text, "'" + a + "' is not a node address of the form host:port");
            }
            addresses.add(address.toLowerCase(Locale.ROOT));
        }
        return new Target(text, Kind.DQLITE, null, Collections.unmodifiableList(addresses), database);
    }

    private static SQLException malformedDqlite(String text, String why) {
        return ConfigErrors.malformedUrl(ConfigParser.PREFIX + text, why);
    }
}
