package io.pooledsqlite.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The tables the workloads use, created through a plain sqlite-jdbc connection before any contender
 * opens the file, so every contender starts from the same bytes.
 */
public final class Schema {

    /** Rows in {@code item} for the point-select and mixed workloads. */
    public static final int ITEM_ROWS = 10_000;
    /** Rows in {@code counter} for the update workloads. */
    public static final int COUNTER_ROWS = 1_000;

    private Schema() {
    }

    /** {@code item(id, name, payload)} with ids 1..rows and a {@code payloadBytes}-character payload. */
    public static void createItems(Path file, int rows, int payloadBytes) throws SQLException {
        execute(file,
                "create table item (id integer primary key, name text not null, payload text not null)",
                "with recursive seq(x) as (select 1 union all select x + 1 from seq where x < " + rows + ") "
                        + "insert into item (id, name, payload) select x, 'item-' || x, "
                        + "substr(hex(randomblob(" + (payloadBytes + 1) / 2 + ")), 1, " + payloadBytes + ") from seq");
    }

    /** {@code counter(id, n)} with ids 1..rows, all at zero. */
    public static void createCounters(Path file, int rows) throws SQLException {
        execute(file,
                "create table counter (id integer primary key, n integer not null)",
                "with recursive seq(x) as (select 1 union all select x + 1 from seq where x < " + rows + ") "
                        + "insert into counter (id, n) select x, 0 from seq");
    }

    /** {@code batch_item(id, name, qty)} for the batch-insert workload, empty. */
    public static void createBatchItems(Path file) throws SQLException {
        execute(file, "create table batch_item (id integer primary key, name text not null, qty integer not null)");
    }

    /** Sum of all counters, to check that no committed increment was lost. */
    public static long counterTotal(Path file) throws SQLException {
        try (Connection c = RawSqlite.open(file, new Properties());
             Statement s = c.createStatement();
             var rs = s.executeQuery("select coalesce(sum(n), 0) from counter")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs DDL/DML in one transaction through a raw sqlite-jdbc connection in WAL mode. */
    public static void execute(Path file, String... statements) throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("journal_mode", "WAL");
        try (Connection c = RawSqlite.open(file, settings); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (String sql : statements) {
                s.executeUpdate(sql);
            }
            c.commit();
        }
    }
}
