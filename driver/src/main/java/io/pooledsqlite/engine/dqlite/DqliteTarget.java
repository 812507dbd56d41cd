package io.pooledsqlite.engine.dqlite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A dqlite target as written after {@code jdbc:pooledsqlite:}: {@code dqlite://host:port[,host:port…]/name},
 * the addresses of some of the cluster's nodes (any one reachable node leads to the leader) and the name
 * of the database on the cluster.
 */
public final class DqliteTarget {
    /** The scheme that marks a target as a dqlite cluster. */
    public static final String SCHEME = "dqlite://";

    private final List<String> addresses;
    private final String database;

    private DqliteTarget(List<String> addresses, String database) {
        this.addresses = Collections.unmodifiableList(addresses);
        this.database = database;
    }

    /** True if {@code target} names a dqlite cluster. */
    public static boolean isDqlite(String target) {
        return target != null && target.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Parses a target.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static DqliteTarget parse(String target) {
        if (!isDqlite(target)) {
            throw new IllegalArgumentException("a dqlite target starts with " + SCHEME);
        }
        String rest = target.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("it names no database: write " + SCHEME + "host:port[,host:port]/name");
        }
        String database = rest.substring(slash + 1);
        if (database.indexOf('/') >= 0 || database.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the database name '" + database + "' contains '/'");
        }
        List<String> addresses = new ArrayList<>();
        for (String a : rest.substring(0, slash).split(",", -1)) {
            String address = a.trim();
            int colon = address.lastIndexOf(':');
            if (address.isEmpty() || colon <= 0 || colon == address.length() - 1
                    || !address.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + a + "' is not a node address of the form host:port");
            }
            addresses.add(address.toLowerCase(Locale.ROOT));
        }
        return new DqliteTarget(addresses, database);
    }

    public List<String> addresses() {
        return addresses;
    }

    public String database() {
        return database;
    }
}
