package io.pooledsqlite;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frameworks bind a user name and password through setters; SQLite has neither, so both are ignored. */
class DataSourceCredentialsTest {
    @Test
    void credentialsAreKeptAndIgnored(@TempDir Path dir) throws Exception {
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource(dir.resolve("c.db").toString())) {
            ds.setUsername("app");
            ds.setPassword("secret");
            assertEquals("app", ds.getUsername());
            assertEquals("secret", ds.getPassword());
            try (Connection c = ds.getConnection(); Connection other = ds.getConnection("someone", "else")) {
                assertEquals(1, queryLong(c, "select 1"));
                assertEquals(1, queryLong(other, "select 1"));
            }
        }
    }
}
