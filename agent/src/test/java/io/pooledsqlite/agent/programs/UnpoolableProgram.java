package io.pooledsqlite.agent.programs;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A program whose connections the agent cannot always pool: a URL with a key sqlite-jdbc keeps as part
 * of the file name (the pool rejects it), more connections held at once than the pool has (run it with
 * {@code maxPoolSize} below {@value #HELD_AT_ONCE}), and a sqlite-jdbc that the program loads in its own
 * class loader. All must work exactly as without the agent.
 *
 * <p>Arguments: {@code <directory> <sqlite-jdbc jar>}.
 */
public final class UnpoolableProgram {

  /** How many connections to one file the program holds at the same time. */
  public static final int HELD_AT_ONCE = 3;

  private UnpoolableProgram() {}

  public static void main(String[] args) throws Exception {
    Path directory = Paths.get(args[0]);
    String oddUrl = "jdbc:sqlite:" + directory.resolve("odd.db") + "?no_such_setting=1";
    for (int i = 0; i < 3; i++) {
      try (Connection connection = DriverManager.getConnection(oddUrl)) {
        System.out.println("odd url, connect " + i + ": " + count(connection));
      }
    }
    String url = "jdbc:sqlite:" + directory.resolve("many.db");
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < HELD_AT_ONCE; i++) {
        held.add(DriverManager.getConnection(url));
        System.out.println("held at once, connection " + i + ": " + count(held.get(i)));
      }
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
    URL sqliteJdbc = Paths.get(args[1]).toUri().toURL();
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {sqliteJdbc}, ClassLoader.getPlatformClassLoader())) {
      Driver driver = (Driver) isolated.loadClass("org.sqlite.JDBC").getDeclaredConstructor().newInstance();
      for (int i = 0; i < 3; i++) {
        try (Connection connection =
            driver.connect("jdbc:sqlite:" + directory.resolve("isolated.db"), new Properties())) {
          System.out.println("own class loader, connect " + i + ": " + count(connection));
        }
      }
    }
  }

  /** Creates a table on first use and answers how many rows the connection has inserted so far. */
  private static int count(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("create table if not exists seen (x)");
      statement.executeUpdate("insert into seen values (1)");
      try (ResultSet rows = statement.executeQuery("select count(*) from seen")) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
