package io.pooledsqlite.proxy;

import static io.pooledsqlite.Databases.physicalOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/** Database metadata of a logical connection: sqlite-jdbc's answers, the proxy's connection, closed with it. */
class DatabaseMetaDataProxyContractTest {
    @TempDir
    Path dir;
    String url;
    Path file;

    @BeforeEach
    void createTable() throws SQLException {
        url = Databases.url(dir, "maxPoolSize=1");
        file = Path.of(url.substring("jdbc:pooledsqlite:".length(), url.indexOf('?')));
        Databases.execute(url, "create table t(id integer primary key, v text)");
    }

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    @Test
    void metaDataOfAReturnedConnectionFailsAsTheConnectionDoes() throws Exception {
        Connection c = DriverManager.getConnection(url);
        DatabaseMetaData md = c.getMetaData();
        c.close();
        SQLException e = assertThrows(SQLException.class, md::getConnection);
        assertEquals("08003", e.getSQLState());
        SQLException tables = assertThrows(SQLException.class, () -> md.getTables(null, null, "%", null));
        assertEquals("08003", tables.getSQLState());
        assertEquals("Connection is closed", tables.getMessage());
    }

    @Test
    void theDriverVersionIsSqliteJdbcsEvenAfterTheConnectionIsReturned() throws Exception {
        try (Connection raw = Databases.raw(file)) {
            DatabaseMetaData plain = raw.getMetaData();
            Connection c = DriverManager.getConnection(url);
            DatabaseMetaData md = c.getMetaData();
            c.close();
            assertEquals(plain.getDriverMajorVersion(), md.getDriverMajorVersion());
            assertEquals(plain.getDriverMinorVersion(), md.getDriverMinorVersion());
            assertTrue(md.getDriverMajorVersion() + md.getDriverMinorVersion() > 0);
        }
    }

    @Test
    void metaDataUnwrapsToItselfAndIsAWrapperOfSqliteJdbcsOnly() throws Exception {
        SQLiteConnection first;
        try (Connection c = DriverManager.getConnection(url)) {
            first = physicalOf(c);
            DatabaseMetaData md = c.getMetaData();
            assertSame(md, md.unwrap(DatabaseMetaData.class));
            assertSame(md, md.unwrap(DatabaseMetaDataProxy.class));
            assertTrue(md.isWrapperFor(DatabaseMetaData.class));
            assertTrue(md.isWrapperFor(DatabaseMetaDataProxy.class));
            assertFalse(md.isWrapperFor(String.class));
            assertFalse(md.isWrapperFor(Connection.class));
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertSame(first, physicalOf(c), "unwrapping to itself does not retire the connection");
        }
    }

    @Test
    void unwrappingToSqliteJdbcsMetaDataRetiresTheConnection() throws Exception {
        SQLiteConnection first;
        try (Connection c = DriverManager.getConnection(url); Connection raw = Databases.raw(file)) {
            first = physicalOf(c);
            Class<? extends DatabaseMetaData> physicalType = raw.getMetaData().getClass();
            DatabaseMetaData md = c.getMetaData();
            assertTrue(md.isWrapperFor(physicalType));
            DatabaseMetaData physical = md.unwrap(physicalType);
            assertTrue(physicalType.isInstance(physical));
            assertNotSame(md, physical);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertNotSame(first, physicalOf(c));
        }
    }

    @Test
    void metaDataResultSetsAreWrappedAndClosedWithTheConnection() throws Exception {
        ResultSet tables;
        try (Connection c = DriverManager.getConnection(url)) {
            DatabaseMetaData md = c.getMetaData();
            assertSame(c, md.getConnection());
            tables = md.getTables(null, null, "t", null);
            assertTrue(tables instanceof ResultSetProxy);
            assertTrue(tables.next());
            assertEquals("t", tables.getString("TABLE_NAME"));
        }
        assertTrue(tables.isClosed());
    }
}
