package io.pooledsqlite.examples.framework;

import io.pooledsqlite.PooledSqliteDataSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flyway and Spring's {@link JdbcTemplate} on a {@link PooledSqliteDataSource}: Flyway migrates the schema
 * from {@code classpath:db/migration}, recognising the database as SQLite from the driver's metadata
 * rather than from the URL prefix, and the repository then works through Spring.
 *
 * <p>Usage: {@code FrameworkExample [db file, default target/notes.db]}
 */
public final class FrameworkExample {

    private FrameworkExample() {
    }

    /** Migrates, stores a few notes and prints what the frameworks saw. */
    public static void main(String[] args) throws IOException, SQLException {
        Path db = Path.of(args.length > 0 ? args[0] : "target/notes.db").toAbsolutePath();
        Files.createDirectories(db.getParent());
        try (PooledSqliteDataSource dataSource = new PooledSqliteDataSource("jdbc:pooledsqlite:" + db)) {
            run(dataSource, System.out);
        }
    }

    /** Runs the example against {@code dataSource}, printing to {@code out}. */
    public static MigrateResult run(PooledSqliteDataSource dataSource, PrintStream out) {
        MigrateResult migration = migrate(dataSource);
        out.println("Flyway detected database type: " + migration.databaseType);
        out.println("Flyway migrations applied: " + migration.migrationsExecuted
                + " (schema version " + migration.targetSchemaVersion + ")");
        String product = new JdbcTemplate(dataSource)
                .execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        out.println("Spring JdbcTemplate sees database product: " + product);

        NoteRepository notes = new NoteRepository(dataSource);
        notes.add("Pool the connections", List.of("sqlite", "jdbc"));
        notes.add("Serialise the writers", List.of("sqlite", "wal"));
        out.println("notes stored: " + notes.count());
        for (Note note : notes.taggedWith("sqlite")) {
            out.println("  #" + note.id() + " " + note.title() + " " + note.tags());
        }
        return migration;
    }

    /** Applies the migrations under {@code classpath:db/migration}. */
    public static MigrateResult migrate(PooledSqliteDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }
}
