package io.pooledsqlite.examples.framework;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notes and their tags, stored with Spring's {@link JdbcTemplate} in the schema that Flyway migrated.
 * Adding a note and its tags is one Spring-managed transaction on a pooled connection.
 */
public final class NoteRepository {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public NoteRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Stores a note with its tags atomically and returns its id. */
    public long add(String title, List<String> tags) {
        Objects.requireNonNull(title, "title");
        Long id = transactions.execute(status -> {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.update(connection -> {
                PreparedStatement ps = connection.prepareStatement("INSERT INTO notes (title) VALUES (?)",
                        Statement.RETURN_GENERATED_KEYS);
                ps.setString(1, title);
                return ps;
            }, key);
            long noteId = Objects.requireNonNull(key.getKey(), "generated id").longValue();
            for (String tag : tags) {
                jdbc.update("INSERT INTO note_tags (note_id, tag) VALUES (?, ?)", noteId, tag);
            }
            return noteId;
        });
        return Objects.requireNonNull(id);
    }

    /** The notes carrying {@code tag}, by id. */
    public List<Note> taggedWith(String tag) {
        return jdbc.query("SELECT n.id, n.title FROM notes n JOIN note_tags t ON t.note_id = n.id"
                + " WHERE t.tag = ? ORDER BY n.id", (rs, row) -> load(rs.getLong(1), rs.getString(2)), tag);
    }

    /** All notes, by id. */
    public List<Note> findAll() {
        return jdbc.query("SELECT id, title FROM notes ORDER BY id", (rs, row) -> load(rs.getLong(1), rs.getString(2)));
    }

    /** How many notes there are. */
    public int count() {
        return Objects.requireNonNull(jdbc.queryForObject("SELECT count(*) FROM notes", Integer.class));
    }

    private Note load(long id, String title) {
        return new Note(id, title,
                jdbc.queryForList("SELECT tag FROM note_tags WHERE note_id = ? ORDER BY tag", String.class, id));
    }
}
