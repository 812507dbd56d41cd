package io.pooledsqlite;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code :memory:} and the empty name: one database per pool, seen by every connection, gone at close. */
class InMemoryDatabaseTest {
    @AfterEach
    void closePools() {
        Databases.closePoolsNamed("mem-");
    }

    @Test
    void everyPooledConnectionSeesTheSameInMemoryDatabase() throws Exception {
        String url = "jdbc:pooledsqlite::memory:?maxPoolSize=3&poolName=mem-shared";
        List<Connection> three = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            three.add(DriverManager.getConnection(url));
        }
        three.get(0).createStatement().executeUpdate("create table t(x)");
        three.get(1).createStatement().executeUpdate("insert into t values (1)");
        assertEquals(1, queryLong(three.get(2), "select count(*) from t"));
        for (Connection c : three) {
            c.close();
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(1, queryLong(c, "select count(*) from t"), "alive while the pool is");
        }
    }

    @Test
    void theEmptyNameIsAnInMemoryDatabaseToo() throws Exception {
        String url = "jdbc:pooledsqlite:?poolName=mem-empty&maxPoolSize=2";
        try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url)) {
            a.createStatement().executeUpdate("create table t(x)");
            assertEquals(0, queryLong(b, "select count(*) from t"));
        }
    }

    @Test
    void twoPoolsHaveTwoDatabasesAndClosingThePoolDropsIt() throws Exception {
        String one = "jdbc:pooledsqlite::memory:?poolName=mem-one";
        String two = "jdbc:pooledsqlite::memory:?poolName=mem-two";
        try (Connection a = DriverManager.getConnection(one)) {
            a.createStatement().executeUpdate("create table t(x)");
        }
        try (Connection b = DriverManager.getConnection(two)) {
            assertThrows(SQLException.class, () -> b.createStatement().executeQuery("select * from t"));
        }
        Databases.closePoolsNamed("mem-one");
        try (Connection a = DriverManager.getConnection(one)) {
            assertThrows(SQLException.class, () -> a.createStatement().executeQuery("select * from t"));
        }
    }
}
