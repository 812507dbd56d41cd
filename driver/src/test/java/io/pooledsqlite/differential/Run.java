package io.pooledsqlite.differential;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * One run of a scenario: where its files are and how it borrows connections. Plain connections stand for
 * another process on the same file; they are closed when the run ends.
 */
public final class Run {
    /** How a borrower gets a connection in this run. */
    @FunctionalInterface
    interface Borrower {
        Connection borrow() throws SQLException;
    }

    private final Path dir;
    private final Path database;
    private final Borrower borrower;
    private final List<Connection> plains = new ArrayList<>();

    Run(Path dir, Path database, Borrower borrower) {
        this.dir = dir;
        this.database = database;
        this.borrower = borrower;
    }

    /** A connection for the next borrower: a fresh plain one (oracle) or one from the pool. */
    public Connection borrow() throws SQLException {
        return borrower.borrow();
    }

    /** A plain sqlite-jdbc connection to the database file, outside the pool: "another process". */
    public Connection plain() throws SQLException {
        return plainTo(database);
    }

    /** A plain sqlite-jdbc connection to another file of this run (an attached database), outside the pool. */
    public Connection plainTo(Path file) throws SQLException {
        Connection c = open(file);
        plains.add(c);
        return c;
    }

    /** The database file. */
    public Path database() {
        return database;
    }

    /** A file next to the database, private to this run (for ATTACH). */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** A plain connection with sqlite-jdbc's own defaults, never through DriverManager (sqlite4j is there too). */
    static Connection open(Path file) throws SQLException {
        return new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
    }

    void closePlains() {
        for (Connection c : plains) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the run is over; the file is read by a new connection next
            }
        }
    }
}
