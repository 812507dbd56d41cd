package io.pooledsqlite.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * sqlite-jdbc with its bundled native library. Connections are made by constructing sqlite-jdbc's
 * connection class directly: never through {@code DriverManager}, where sqlite4j registers the same
 * {@code jdbc:sqlite:} prefix, and never through {@code org.sqlite.JDBC}, which the agent rewrites.
 */
public final class NativeEngine implements Engine {
    @Override
    public String name() {
        return "native";
    }

    @Override
    public Connection open(String target, Properties sqliteSettings) throws SQLException {
        return new JDBC4Connection("jdbc:sqlite:" + target, target, sqliteSettings);
    }
}
