package io.pooledsqlite.examples.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pooledsqlite.PooledSqliteDataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

class FrameworkExampleTest {

    @TempDir
    Path dir;

    private PooledSqliteDataSource dataSource;

    @BeforeEach
    void openPool() {
        dataSource = new PooledSqliteDataSource("jdbc:pooledsqlite:" + dir.resolve("notes.db"));
    }

    @AfterEach
    void closePool() {
        dataSource.close();
    }

    /**
     * Flyway and Spring read a statement's results until {@code getMoreResults()} is false and
     * {@code getUpdateCount()} is -1; a driver that keeps reporting the old count makes them loop until the
     * heap is gone.
     */
    @Test
    void aStatementsResultsEndTheWayFlywayAndSpringReadThem() throws SQLException {
        assertEquals("", resultContractViolation());
    }

    @Test
    void flywayRecognisesSqliteThroughThePoolAndAppliesEachMigrationOnce() throws SQLException {
        requireResultContract();
        MigrateResult first = FrameworkExample.migrate(dataSource);
        MigrateResult second = FrameworkExample.migrate(dataSource);

        assertEquals("SQLite", first.databaseType);
        assertEquals(2, first.migrationsExecuted);
        assertEquals("2", first.targetSchemaVersion);
        assertEquals(0, second.migrationsExecuted);
        Integer applied = new JdbcTemplate(dataSource)
                .queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success = 1", Integer.class);
        assertEquals(2, applied);
    }

    @Test
    void springSeesTheDatabaseAsSqlite() {
        String product = new JdbcTemplate(dataSource)
                .execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());

        assertEquals("SQLite", product);
    }

    @Test
    void notesAndTheirTagsRoundTripThroughJdbcTemplate() throws SQLException {
        requireResultContract();
        FrameworkExample.migrate(dataSource);
        NoteRepository notes = new NoteRepository(dataSource);

        long first = notes.add("first", List.of("b", "a"));
        long second = notes.add("second", List.of("b"));

        assertEquals(List.of(new Note(first, "first", List.of("a", "b")), new Note(second, "second", List.of("b"))),
                notes.findAll());
        assertEquals(List.of(new Note(first, "first", List.of("a", "b"))), notes.taggedWith("a"));
    }

    @Test
    void aNoteWhoseTagsFailIsRolledBackWholeAndSpringCallsItADuplicateKey() throws SQLException {
        requireResultContract();
        FrameworkExample.migrate(dataSource);
        NoteRepository notes = new NoteRepository(dataSource);

        // The driver's standard SQLState 23505 lets Spring name the problem precisely.
        assertThrows(DuplicateKeyException.class, () -> notes.add("duplicate tags", List.of("x", "x")));

        assertEquals(0, notes.count());
        Integer tags = new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM note_tags", Integer.class);
        assertEquals(0, tags);
    }

    @Test
    void theExamplePrintsWhatTheFrameworksSaw() throws SQLException {
        requireResultContract();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            FrameworkExample.run(dataSource, out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);

        for (String line : List.of("Flyway detected database type: SQLite", "Flyway migrations applied: 2",
                "Spring JdbcTemplate sees database product: SQLite", "notes stored: 2")) {
            assertTrue(printed.contains(line), "missing '" + line + "' in\n" + printed);
        }
    }

    /** Fails fast, instead of letting Flyway run out of memory, when the driver breaks the result contract. */
    private void requireResultContract() throws SQLException {
        String violation = resultContractViolation();
        if (!violation.isEmpty()) {
            fail("Flyway would loop forever on this driver: " + violation);
        }
    }

    private String resultContractViolation() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS contract_probe (x)");
            boolean more = s.getMoreResults();
            int count = s.getUpdateCount();
            s.execute("DROP TABLE contract_probe");
            return more || count != -1
                    ? "after execute(DDL), getMoreResults() = " + more + " and then getUpdateCount() = " + count
                            + " (expected false and -1)"
                    : "";
        }
    }
}
