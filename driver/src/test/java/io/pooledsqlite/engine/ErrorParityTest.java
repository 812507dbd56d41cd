package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.error.SqliteErrors;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same failing SQL gives the same SQLState, error subclass and SQLite code on both engines. */
class ErrorParityTest {
    private static final String SETUP = "CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL CHECK (v <> 'bad'),"
            + " u TEXT UNIQUE)";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "SELEC 1",
        "SELECT * FROM missing",
        "SELECT nothing FROM t",
        "CREATE TABLE t(x)",
        "INSERT INTO t(id, v) VALUES (1, 'again')",
        "INSERT INTO t(v) VALUES (NULL)",
        "INSERT INTO t(v) VALUES ('bad')",
        "INSERT INTO t(v, u) VALUES ('x', 'taken')",
    })
    void aFailingStatementFailsAlikeOnBothEngines(String sql) throws Exception {
        SQLException onNative = failure("native", sql);
        SQLException onWasm = failure("wasm", sql);
        assertEquals(onNative.getSQLState(), onWasm.getSQLState(), onWasm.getMessage());
        assertEquals(onNative.getClass(), onWasm.getClass(), onWasm.getMessage());
        assertEquals(SqliteErrors.resultCode(onNative), SqliteErrors.resultCode(onWasm));
        assertEquals(onNative.getErrorCode(), onWasm.getErrorCode());
    }

    private SQLException failure(String engine, String sql) throws SQLException {
        Path db = dir.resolve(engine + ".db");
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + db + "?engine=" + engine);
             Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(SETUP);
            s.executeUpdate("INSERT INTO t(id, v, u) VALUES (1, 'first', 'taken')");
            return assertThrows(SQLException.class, () -> s.execute(sql));
        }
    }
}
