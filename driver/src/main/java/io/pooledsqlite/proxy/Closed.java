package io.pooledsqlite.proxy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;

/**
 * Sentinels a logical object delegates to once closed, so every later call fails with a clear message
 * without a null check on the hot path. Only reached by misuse, so a reflection proxy is fine here.
 */
final class Closed {
    static final Connection CONNECTION = sentinel(Connection.class, "Connection is closed", "08003");
    /** Also serves plain statements: {@code PreparedStatement} extends {@code Statement}. */
    static final PreparedStatement STATEMENT = sentinel(PreparedStatement.class, "Statement is closed", "HY010");
    /** The metadata of a closed connection: fails as the connection does. */
    static final DatabaseMetaData DATABASE_META_DATA = sentinel(DatabaseMetaData.class, "Connection is closed", "08003");
    static final ResultSet RESULT_SET = sentinel(ResultSet.class, "ResultSet is closed", "HY010");

    private Closed() {
    }

    static SQLException connectionClosed() {
        return new SQLException("Connection is closed", "08003");
    }

    private static <T> T sentinel(Class<T> type, String message, String sqlState) {
        return type.cast(Proxy.newProxyInstance(Closed.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "isClosed":
                            return Boolean.TRUE;
                        case "close":
                            return null;
                        case "toString":
                            return message;
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            break;
                    }
                    if (Arrays.asList(method.getExceptionTypes()).contains(SQLException.class)) {
                        throw new SQLException(message, sqlState);
                    }
                    if (Arrays.asList(method.getExceptionTypes()).contains(SQLClientInfoException.class)) {
                        throw new SQLClientInfoException(message, sqlState, 0, Collections.emptyMap());
                    }
                    throw new IllegalStateException(message);
                }));
    }
}
