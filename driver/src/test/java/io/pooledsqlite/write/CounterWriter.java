package io.pooledsqlite.write;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A second process for the write-path tests: runs read-modify-write increments through pooledsqlite and
 * prints how many committed. Usage: {@code CounterWriter <url> <increments>}.
 */
public final class CounterWriter {
    private CounterWriter() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        System.out.println("ready");
        int committed = WritePathTest.increment(url, n);
        System.out.println("committed " + committed);
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("select n from counter where id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            System.out.println("saw " + rs.getLong(1));
        }
    }
}
