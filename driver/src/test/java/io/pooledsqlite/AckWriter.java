package io.pooledsqlite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * The process the crash tests kill: writes rows through pooledsqlite and prints {@code ack <id>} after
 * each commit returned. Odd batches are explicit transactions of three rows ({@code tx = 1}, {@code batch}
 * = first id), even ones auto-commit inserts. Usage: {@code AckWriter <url> <first id>}.
 */
public final class AckWriter {
    private AckWriter() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long id = Long.parseLong(args[1]);
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().executeUpdate("create table if not exists acked(id integer primary key, batch int, tx int)");
        }
        System.out.println("ready");
        System.out.flush();
        for (long batch = 0; ; batch++) {
            try (Connection c = DriverManager.getConnection(url);
                 PreparedStatement insert = c.prepareStatement("insert into acked values (?, ?, ?)")) {
                if (batch % 2 == 1) {
                    c.setAutoCommit(false);
                    long first = id;
                    for (int i = 0; i < 3; i++) {
                        insert.setLong(1, id++);
                        insert.setLong(2, first);
                        insert.setInt(3, 1);
                        insert.executeUpdate();
                    }
                    c.commit();
                    for (long a = first; a < id; a++) {
                        System.out.println("ack " + a);
                    }
                } else {
                    insert.setLong(1, id);
                    insert.setLong(2, id++);
                    insert.setInt(3, 0);
                    insert.executeUpdate();
                    System.out.println("ack " + (id - 1));
                }
                System.out.flush();
            }
        }
    }
}
