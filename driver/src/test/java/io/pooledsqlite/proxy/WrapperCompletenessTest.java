package io.pooledsqlite.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.agentsupport.PooledSQLiteConnection;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every method of every java.sql interface a wrapper implements is written in a class of ours (the
 * wrapper or its generated delegating base), so no default method of the interface can run against the wrapper
 * instead of the physical object; and every method that answers a JDBC object the pool wraps, or the
 * physical object itself ({@code unwrap}), is written in the wrapper, since the generated base would
 * hand out the physical one.
 */
class WrapperCompletenessTest {
    /** Types whose instances the pool hands out only wrapped. */
    private static final Set<Class<?>> WRAPPED = Set.of(Connection.class, Statement.class,
            PreparedStatement.class, CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

    private static List<String> missing(Class<?> wrapper, Class<?> iface) {
        List<String> missing = new ArrayList<>();
        for (Method m : iface.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            try {
                Method impl = wrapper.getMethod(m.getName(), m.getParameterTypes());
                Class<?> by = impl.getDeclaringClass();
                // a default method of the interface, or sqlite-jdbc's own code under the agent's facade
                if (by.isInterface() || by.getName().startsWith("org.sqlite.")) {
                    missing.add(m.toString());
                } else if (answersPhysical(m) && by.getSimpleName().startsWith("Delegating") && !wraps(by, m)) {
                    missing.add("passed through by " + by.getSimpleName() + ": " + m);
                }
            } catch (NoSuchMethodException e) {
                missing.add(m.toString());
            }
        }
        return missing;
    }

    private static boolean answersPhysical(Method m) {
        return WRAPPED.contains(m.getReturnType()) || m.getName().equals("unwrap");
    }

    /** A base generated with an abstract {@code wrap} for that type passes its answers through it. */
    private static boolean wraps(Class<?> base, Method m) {
        try {
            return Modifier.isAbstract(base.getDeclaredMethod("wrap", m.getReturnType()).getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void theCheckSeesAPassThroughThatWouldLeak() {
        // the generated base alone passes getConnection/createStatement/unwrap through: all flagged
        List<String> leaks = missing(DelegatingConnection.class, Connection.class);
        assertTrue(leaks.stream().anyMatch(s -> s.contains("createStatement()")), leaks::toString);
        assertTrue(leaks.stream().anyMatch(s -> s.contains("unwrap")), leaks::toString);
        assertTrue(leaks.stream().anyMatch(s -> s.contains("getMetaData")), leaks::toString);
        // metadata result sets go through the base's abstract wrap; its getConnection does not
        List<String> metaData = missing(DelegatingDatabaseMetaData.class, DatabaseMetaData.class);
        assertTrue(metaData.stream().anyMatch(s -> s.contains("getConnection()")), metaData::toString);
        assertTrue(metaData.stream().noneMatch(s -> s.contains("getTables(")), metaData::toString);
    }

    @Test
    void connectionWrapperImplementsEveryMethod() {
        assertEquals(List.of(), missing(ConnectionProxy.class, Connection.class));
    }

    /** The agent's facade is a sqlite-jdbc connection, but no Connection method may run as sqlite-jdbc's. */
    @Test
    void sqliteConnectionFacadeImplementsEveryMethod() {
        assertEquals(List.of(), missing(PooledSQLiteConnection.class, Connection.class));
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
