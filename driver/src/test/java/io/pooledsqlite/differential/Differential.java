package io.pooledsqlite.differential;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.config.SqliteKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a scenario twice and asserts both runs saw the same: once against plain sqlite-jdbc, a fresh
 * physical connection per borrower (the oracle), once against a pool of one connection, so every
 * borrower gets the same recycled physical connection. Both get the pool's SQLite defaults, so WAL and
 * the pool's pragmas are not a difference. After each run the pool is closed and every database file of
 * the run is read back by a new plain connection: rows, schema and user_version are part of what is seen.
 */
public final class Differential {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    private final Path dir;
    private final String name;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<String> oracleOmits = new ArrayList<>();
    private final List<String> setup = new ArrayList<>();
    private String setupJournalMode = "WAL";
    private Function<Path, String> target = Path::toString;
    private FileAction afterSetup = f -> { };

    /** Prepares a file after its schema was created (e.g. makes it read-only). */
    @FunctionalInterface
    public interface FileAction {
        void accept(Path file) throws Exception;
    }

    private Differential(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /** A scenario named {@code name} whose files live under {@code dir}. */
    public static Differential scenario(Path dir, String name) {
        return new Differential(dir, name);
    }

    /** A setting both sides get: a URL key of the pool, a property of sqlite-jdbc's connect. */
    public Differential setting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    /**
     * Leaves one of the pool's defaults out of the oracle's settings: for databases where plain
     * sqlite-jdbc with that pragma would not open (read-only files cannot switch to WAL).
     */
    public Differential oracleWithout(String key) {
        oracleOmits.add(key);
        return this;
    }

    /** SQL run on the database file before either side opens it. */
    public Differential setup(String... sql) {
        setup.addAll(List.of(sql));
        return this;
    }

    /** The journal mode the file is left in by the setup (WAL unless said). */
    public Differential setupJournalMode(String mode) {
        this.setupJournalMode = mode;
        return this;
    }

    /** What follows {@code jdbc:sqlite:} or {@code jdbc:pooledsqlite:}, made from the file path. */
    public Differential target(Function<Path, String> target) {
        this.target = target;
        return this;
    }

    /** Runs after the setup SQL, before either side opens the file. */
    public Differential afterSetup(FileAction action) {
        this.afterSetup = action;
        return this;
    }

    /** Runs the scenario against both sides and fails with the first difference if they saw different things. */
    public void check(Scenario scenario) throws Exception {
        List<String> oracle = assertTimeoutPreemptively(RUN_LIMIT, () -> runOracle(scenario), "oracle run hung");
        List<String> pool = assertTimeoutPreemptively(RUN_LIMIT, () -> runPool(scenario), "pool run hung");
        if (!oracle.equals(pool)) {
            fail(name + ": pooled connection differs from plain sqlite-jdbc\n" + firstDifference(oracle, pool)
                    + "\n--- oracle:\n" + String.join("\n", oracle) + "\n--- pool:\n" + String.join("\n", pool));
        }
    }

    private List<String> runOracle(Scenario scenario) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve(name).resolve("oracle"));
        Path db = prepare(runDir);
        Properties props = new Properties();
        props.putAll(SqliteKeys.DEFAULTS);
        oracleOmits.forEach(props::remove);
        props.putAll(settings);
        String url = "jdbc:sqlite:" + target.apply(db);
        Run run = new Run(runDir, db, () -> new org.sqlite.JDBC().connect(url, props));
        Observation seen = new Observation(runDir.toString());
        play(scenario, run, seen);
        run.closePlains();
        dump(runDir, seen);
        return seen.lines();
    }

    private List<String> runPool(Scenario scenario) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve(name).resolve("pool"));
        Path db = prepare(runDir);
        PooledSqliteDataSource ds = new PooledSqliteDataSource(target.apply(db));
        ds.setProperty("poolName", "diff-" + POOLS.incrementAndGet() + "-" + name);
        ds.setProperty("maxPoolSize", "1");
        ds.setProperty("connectionTimeout", "3000");
        ds.setProperty("registerMbeans", "false");
        settings.forEach(ds::setProperty);
        Run run = new Run(runDir, db, ds::getConnection);
        Observation seen = new Observation(runDir.toString());
        try {
            play(scenario, run, seen);
        } finally {
            run.closePlains();
            ds.close();
        }
        dump(runDir, seen);
        return seen.lines();
    }

    private static void play(Scenario scenario, Run run, Observation seen) {
        try {
            scenario.run(run, seen);
        } catch (Exception e) {
            seen.note("scenario threw " + Observation.error(e));
        }
    }

    private Path prepare(Path runDir) throws Exception {
        Path db = runDir.resolve("db.db");
        Properties p = new Properties();
        p.setProperty("journal_mode", setupJournalMode);
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + db, p); Statement s = c.createStatement()) {
            for (String sql : setup) {
                s.executeUpdate(sql);
            }
        }
        afterSetup.accept(db);
        return db;
    }

    /** Every database file of the run as a new plain connection reads it. */
    private static void dump(Path runDir, Observation seen) throws IOException, SQLException {
        List<Path> files;
        try (Stream<Path> s = Files.list(runDir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".db")).sorted().collect(Collectors.toList());
        }
        for (Path f : files) {
            try (Connection c = Run.open(f); Statement s = c.createStatement()) {
                String prefix = "file " + f.getFileName() + ": ";
                seen.note(prefix + "user_version=" + one(s, "PRAGMA user_version"));
                List<String[]> objects = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master"
                        + " WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
                    while (rs.next()) {
                        objects.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                for (String[] o : objects) {
                    if (!o[0].equals("table")) {
                        seen.note(prefix + o[0] + " " + o[1]);
                        continue;
                    }
                    try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + o[1] + "\" ORDER BY 1")) {
                        seen.note(prefix + "table " + o[1] + " " + Observation.rows(rs));
                    }
                }
            }
        }
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String firstDifference(List<String> oracle, List<String> pool) {
        for (int i = 0; i < Math.max(oracle.size(), pool.size()); i++) {
            String o = i < oracle.size() ? oracle.get(i) : "(nothing)";
            String p = i < pool.size() ? pool.get(i) : "(nothing)";
            if (!o.equals(p)) {
                return "first difference, line " + (i + 1) + ":\n  oracle: " + o + "\n  pool:   " + p;
            }
        }
        return "";
    }
}
