package io.pooledsqlite.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * sqlite-jdbc with its bundled native library, loaded as shipped ({@code native}) or from a private
 * directory ({@code native-relocated}). Connections are made by constructing sqlite-jdbc's connection
 * class directly: never through {@code DriverManager}, where sqlite4j registers the same
 * {@code jdbc:sqlite:} prefix, and never through {@code org.sqlite.JDBC}, which the agent rewrites.
 */
public final class NativeEngine implements Engine {
    private final String name;

    NativeEngine(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Connection open(String target, Properties sqliteSettings) throws SQLException {
        try {
            return new JDBC4Connection("jdbc:sqlite:" + target, target, sqliteSettings);
        } catch (UnsatisfiedLinkError e) {
            // only if the library went away after the pool started; callers expect an SQLException
            throw new SQLException("The native SQLite library is not loaded: " + e.getMessage(), "08001", e);
        }
    }

    /**
     * Through sqlite-jdbc's database handle, as {@code PreparedStatement.execute()} itself does, without the
     * generated-keys regex and update-count bookkeeping that call adds (~1 µs per transaction, issue 18).
     */
    @Override
    public void runControl(Connection physical, PreparedStatement statement) throws SQLException {
        if (physical instanceof SQLiteConnection && statement instanceof CoreStatement) {
            ((SQLiteConnection) physical).getDatabase().execute((CoreStatement) statement, null);
        } else {
            statement.execute();
        }
    }

    /**
     * {@code clearBatch()} alone. sqlite-jdbc keeps a statement's parameters in its own array, allocated at
     * the first {@code setXxx} or {@code addBatch}, and from then on every execute binds each parameter from
     * that array; {@code clearBatch()} sets all of it to null. So the next execute binds NULL to every
     * parameter the next borrower leaves unset, as a fresh statement does, and the
     * {@code sqlite3_clear_bindings} call {@code clearParameters()} adds changes nothing it sees; it is a JNI
     * call, ~2 % of a point select (issue 18).
     */
    @Override
    public void clearParameters(PreparedStatement physical) throws SQLException {
        physical.clearBatch();
    }

    /** sqlite-jdbc's own {@code sqlite3_changes()} of the connection. */
    @Override
    public long changes(Connection physical) {
        if (physical instanceof SQLiteConnection) {
            try {
                return ((SQLiteConnection) physical).getDatabase().changes();
            } catch (SQLException | RuntimeException e) {
                return -1;
            }
        }
        return -1;
    }
}
