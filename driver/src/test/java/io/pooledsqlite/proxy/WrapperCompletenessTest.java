package io.pooledsqlite.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every method of every java.sql interface a wrapper implements is written in the wrapper itself, so
 * no default method of the interface can run against the wrapper instead of the physical object.
 */
class WrapperCompletenessTest {
    private static List<String> missing(Class<?> wrapper, Class<?> iface) {
        List<String> missing = new ArrayList<>();
        for (Method m : iface.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                Method impl = wrapper.getMethod(m.getName(), m.getParameterTypes());
                if (impl.getDeclaringClass().isInterface()) {
                    missing.add(m.toString());
                }
            } catch (NoSuchMethodException e) {
                missing.add(m.toString());
            }
        }
        return missing;
    }

    @Test
    void connectionWrapperImplementsEveryMethod() {
        assertEquals(List.of(), missing(ConnectionProxy.class, Connection.class));
    }

    @Test
    void statementWrappersImplementEveryMethod() {
        assertEquals(List.of(), missing(StatementProxy.class, Statement.class));
        assertEquals(List.of(), missing(PreparedStatementProxy.class, PreparedStatement.class));
    }

    @Test
    void resultSetAndMetaDataWrappersImplementEveryMethod() {
        assertEquals(List.of(), missing(ResultSetProxy.class, ResultSet.class));
        assertEquals(List.of(), missing(DatabaseMetaDataProxy.class, DatabaseMetaData.class));
    }
}
