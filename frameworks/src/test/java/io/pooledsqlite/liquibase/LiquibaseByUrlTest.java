package io.pooledsqlite.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pooledsqlite.PooledSqliteDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import liquibase.command.CommandScope;
import liquibase.integration.commandline.LiquibaseCommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Liquibase given only a {@code jdbc:pooledsqlite:} URL updates as it does on {@code jdbc:sqlite:}. */
class LiquibaseByUrlTest {
    private static final String CHANGELOG = "lbtest/changelog.xml";

    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        PooledSqliteDriver.closeAll();
    }

    private static void update(String url) throws Exception {
        new CommandScope("update")
                .addArgumentValue("url", url)
                .addArgumentValue("changelogFile", CHANGELOG)
                .execute();
    }

    /** What Liquibase left: its change log and the rows of the table it made. */
    private static List<String> state(Path file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select id, exectype from databasechangelog order by orderexecuted")) {
                while (rs.next()) {
                    rows.add("changeset " + rs.getString(1) + " " + rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("select id, body from note order by id")) {
                while (rs.next()) {
                    rows.add("note " + rs.getInt(1) + " " + rs.getString(2));
                }
            }
        }
        return rows;
    }

    @Test
    void commandScopeUpdateByUrlAsOnPlainSqlite() throws Exception {
        Path pooled = dir.resolve("pooled.db");
        Path plain = dir.resolve("plain.db");
        String url = "jdbc:pooledsqlite:" + pooled + "?poolName=liquibase-by-url";

        update(url);
        update("jdbc:sqlite:" + plain);

        assertEquals(List.of("changeset 1 EXECUTED", "changeset 2 EXECUTED", "note 1 sqlite only"), state(pooled));
        assertEquals(state(plain), state(pooled));
        assertEquals("liquibase-by-url", PooledSqliteDriver.pool(url, null).getPoolName());
    }

    @Test
    void commandLineUrlUpdates() throws Exception {
        Path pooled = dir.resolve("cli.db");
        int exit = new LiquibaseCommandLine().execute(new String[] {
            "--url=jdbc:pooledsqlite:" + pooled, "--changelog-file=" + CHANGELOG, "--show-banner=false", "update"});

        assertEquals(0, exit);
        assertEquals(List.of("changeset 1 EXECUTED", "changeset 2 EXECUTED", "note 1 sqlite only"), state(pooled));
    }

    @Test
    void answersOnlyForItsOwnPrefix() {
        PooledSqliteDatabase db = new PooledSqliteDatabase();
        assertEquals("io.pooledsqlite.PooledSqliteDriver", db.getDefaultDriver("jdbc:pooledsqlite:x.db"));
        assertEquals(null, db.getDefaultDriver("jdbc:sqlite:x.db"));
    }
}
