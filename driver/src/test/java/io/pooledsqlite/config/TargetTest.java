package io.pooledsqlite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.pool.ConnectionPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.JDBC;

/** {@link Target} reads a target as plain sqlite-jdbc does: the oracle opens the same text and says which file. */
class TargetTest {
    @TempDir
    Path dir;

    /** The file plain sqlite-jdbc opens for {@code target}, as SQLite reports it. */
    private static Path fileSqliteJdbcOpens(String target) throws SQLException {
        try (Connection c = new JDBC().connect("jdbc:sqlite:" + target, new Properties());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t(x)");
            try (ResultSet rs = s.executeQuery("PRAGMA database_list")) {
                rs.next();
                return Paths.get(rs.getString("file"));
            }
        }
    }

    @Test
    void tellsTheKindsApartAsSqliteJdbcDoes() throws Exception {
        assertEquals(Target.Kind.PRIVATE_MEMORY, Target.parse(":memory:").kind());
        assertEquals(Target.Kind.PRIVATE_MEMORY, Target.parse("").kind());
        assertEquals(Target.Kind.FILE, Target.parse(dir.resolve("a.db").toString()).kind());
        assertEquals(Target.Kind.FILE_URI, Target.parse("file:" + dir.resolve("a.db") + "?mode=rwc").kind());
        assertEquals(Target.Kind.MEMORY_URI, Target.parse("file:shared?mode=memory&cache=shared").kind());
        assertEquals(Target.Kind.MEMORY_URI, Target.parse("file:/named?vfs=memdb").kind());
        assertEquals(Target.Kind.MEMORY_URI, Target.parse("file::memory:").kind());
        assertEquals(Target.Kind.RESOURCE, Target.parse(":resource:db/sample.db").kind());
        // SQLite's URI prefix is case-sensitive: "FILE:" is the start of a relative file name
        assertEquals(Target.Kind.FILE, Target.parse("FILE:" + dir.resolve("b.db")).kind());
        assertTrue(Target.parse(":memory:").privateMemory() && Target.parse(":memory:").inMemory());
        assertTrue(Target.parse("file:x?mode=memory").inMemory());
        assertFalse(Target.parse("file:x?mode=memory").privateMemory());
        assertTrue(Target.parse(dir.resolve("a.db").toString()).plainFile());
        assertFalse(Target.parse("file:" + dir.resolve("a.db")).plainFile(), "the pool does not watch URIs");
        assertNull(Target.parse("file:x?mode=memory").file());
    }

    @Test
    void theFileOfAPathOrUriIsTheOneSqliteJdbcOpens() throws Exception {
        Files.createDirectory(dir.resolve("with space"));
        String plain = dir.resolve("with space").resolve("p.db").toString();
        String[] targets = {
            plain,
            "file:" + dir.resolve("u.db"),
            "file://" + dir.resolve("slashes.db"),
            "file://localhost" + dir.resolve("host.db"),
            "file:" + dir.resolve("with%20space").resolve("enc.db"),
            "file:" + dir.resolve("q.db") + "?mode=rwc&cache=private",
            "file:" + dir.resolve("frag.db") + "#part",
            "file:" + dir.resolve("a%2Db%09c.db"),
            "file:" + dir.resolve("trailing%4"),
            "file:" + dir.resolve("percent%"),
            "file:" + dir.resolve("not%zzhex.db"),
            "file:" + dir.resolve("amp&mode=memory"),
            dir.resolve("plain.db?mode=memory").toString(),
        };
        for (String target : targets) {
            Path expected = fileSqliteJdbcOpens(target);
            Target t = Target.parse(target);
            assertEquals(expected, t.file().normalize(), target);
            assertEquals(expected.toRealPath().toString(), t.gateKey("unused"), target);
        }
    }

    @Test
    void aPathAndAUriOfOneFileShareAGateKeyBeforeAndAfterTheFileExists() throws Exception {
        Path file = dir.resolve("a b.db");
        Target path = Target.parse(file.toString());
        Target uri = Target.parse("file:" + dir.resolve("a%20b.db") + "?cache=private");
        assertEquals(path.gateKey("p"), uri.gateKey("u"), "before the file exists");
        fileSqliteJdbcOpens(uri.text());
        assertTrue(Files.exists(file), "SQLite decoded %20 and created the file the path names");
        assertEquals(path.gateKey("p"), uri.gateKey("u"), "after");
    }

    @Test
    void spellingsThroughASymlinkShareTheRealFilesGateKey() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        Target viaLink = Target.parse(link.resolve("db.db").toString());
        Target viaDots = Target.parse(real.resolve("..").resolve("link").resolve("db.db").toString());
        Target direct = Target.parse("file:" + real.resolve("db.db"));
        String key = real.toRealPath().resolve("db.db").toString();
        assertEquals(key, viaLink.gateKey("a"), "a file that does not exist yet");
        assertEquals(key, viaDots.gateKey("b"));
        fileSqliteJdbcOpens(viaLink.text());
        assertEquals(key, viaLink.gateKey("a"), "the file now exists");
        assertEquals(key, direct.gateKey("c"));
        assertEquals(key, viaDots.gateKey("b"));
    }

    @Test
    void eachPoolOfAPrivateInMemoryDatabaseHasADatabaseAndAGateOfItsOwn() throws Exception {
        Target memory = Target.parse(":memory:");
        assertNotEquals(memory.physical("1-1"), memory.physical("2-1"));
        assertNotEquals(memory.gateKey("1-1"), memory.gateKey("2-1"));
        assertTrue(memory.physical("1-1").contains("vfs=memdb"), memory.physical("1-1"));
        String shared = "file:shared?mode=memory&cache=shared";
        assertEquals(shared, Target.parse(shared).physical("1-1"), "a named database is opened as written");
        assertEquals(Target.parse(shared).gateKey("1-1"), Target.parse(shared).gateKey("2-1"));
    }

    @Test
    void aDqliteTargetGivesItsNodesAndDatabase() throws Exception {
        Target t = Target.parse("dqlite://Node1:9001, node2:9002/app.db");
        assertTrue(t.dqlite());
        assertEquals(List.of("node1:9001", "node2:9002"), t.dqliteNodes());
        assertEquals("app.db", t.dqliteDatabase());
        for (String bad : new String[] {"dqlite://h:1", "dqlite://h:1/", "dqlite://h/app", "dqlite://h:x/app",
                "dqlite://h:1/a/b"}) {
            SQLException e = assertThrows(SQLException.class, () -> Target.parse(bad), bad);
            assertEquals(ConfigErrors.BAD_URL, e.getSQLState(), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void aPathThePlatformCannotNameIsAnSqlExceptionNotACrash() {
        SQLException e = assertThrows(SQLException.class,
                () -> ConfigParser.parse("jdbc:pooledsqlite:" + dir + "/a\0b.db", new Properties()));
        assertEquals(ConfigErrors.BAD_URL, e.getSQLState());
        assertTrue(e.getMessage().contains("not a file path"), e.getMessage());
    }

    @Test
    void poolsOnAPathAndOnAUriOfOneFileQueueAtOneWriteGate() throws Exception {
        Path file = dir.resolve("shared db.db");
        try (PooledSqliteDataSource byPath = dataSource(file.toString(), "by-path");
             PooledSqliteDataSource byUri = dataSource("file:" + dir.resolve("shared%20db.db"), "by-uri")) {
            try (Connection c = byPath.getConnection(); Connection d = byUri.getConnection()) {
                assertTrue(c.isValid(1) && d.isValid(1));
            }
            assertSame(((ConnectionPool) byPath.getPoolMXBean()).gate(),
                    ((ConnectionPool) byUri.getPoolMXBean()).gate(), "one write gate per real file");
        }
    }

    private static PooledSqliteDataSource dataSource(String target, String name) {
        PooledSqliteDataSource ds = new PooledSqliteDataSource(target);
        ds.setProperty("poolName", "target-test-" + name);
        ds.setProperty("registerMbeans", "false");
        return ds;
    }

    @Test
    void percentEscapesInAUriPathAreDecodedAsSqliteDecodesThem() throws Exception {
        assertEquals(dir.resolve("a-b\tc.db"), Target.parse("file:" + dir.resolve("a%2Db%09c.db")).file());
        assertEquals(dir.resolve("trailing%4"), Target.parse("file:" + dir.resolve("trailing%4")).file(),
                "an escape cut short stays as written");
    }

    @Test
    void aNameThatIsNoUriIsAFileWhateverItsQuerySays() throws Exception {
        String name = dir.resolve("plain.db?mode=memory").toString();
        Target t = Target.parse(name);
        assertEquals(Target.Kind.FILE, t.kind());
        assertFalse(t.inMemory());
        assertFalse(t.hasUriParameters());
        fileSqliteJdbcOpens(name);
        assertTrue(Files.exists(t.file()), "SQLite created the file the name names");
    }

    /** Targets SQLite opens without a file: the oracle finds no file name, and nothing appears in the directory. */
    @Test
    void uriParametersDecodedLikeSqliteMakeAnInMemoryDatabase() throws Exception {
        String[] targets = {
            "file:" + dir.resolve("m1.db") + "?mode=%6Demory",
            "file:" + dir.resolve("m2.db") + "?mo%64e=memory",
            "file:" + dir.resolve("m3.db") + "?vfs=mem%64b",
            "file:" + dir.resolve("m4.db") + "?cache=shared&mode=memory#part",
            "file://localhost",
        };
        for (String target : targets) {
            Target t = Target.parse(target);
            assertEquals(Target.Kind.MEMORY_URI, t.kind(), target);
            assertTrue(t.inMemory(), target);
            assertNull(t.file(), target);
            assertEquals("", fileSqliteJdbcOpens(target).toString(), target);
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "no file was created");
        }
        assertTrue(ConfigParser.parse("jdbc:pooledsqlite:file:" + dir.resolve("m2.db") + "?mo%64e=memory",
                new Properties()).parsedTarget().inMemory(), "the encoded parameter stays in the target");
    }

    @Test
    void onlyTargetsWithoutAFileAreInMemory() throws Exception {
        String[] withAFile = {dir.resolve("a.db").toString(), "file:" + dir.resolve("a.db"), ":resource:db/x.db",
            "dqlite://h:1/app"};
        for (String target : withAFile) {
            assertFalse(Target.parse(target).inMemory(), target);
        }
    }

    @Test
    void uriParametersAreThoseOfAFileUri() throws Exception {
        assertTrue(Target.parse("file:" + dir.resolve("a.db") + "?mode=ro").hasUriParameters());
        assertFalse(Target.parse("file:" + dir.resolve("a.db")).hasUriParameters());
        assertFalse(Target.parse(dir.resolve("a.db?mode=ro").toString()).hasUriParameters(), "not a URI");
        assertFalse(Target.parse(":memory:").hasUriParameters());
    }

    @Test
    void printsAsWritten() throws Exception {
        String text = "file:" + dir.resolve("a%20b.db") + "?mode=rwc";
        assertEquals(text, Target.parse(text).toString());
        assertEquals(text, Target.parse(text).text());
    }

    @Test
    void aDqliteNodeNeedsAHostAndAPortAndTheNameNeitherSlashNorNul() {
        String[][] cases = {
            {"dqlite://:9001/app", "':9001' is not a node address"},
            {"dqlite://h:/app", "'h:' is not a node address"},
            {"dqlite:///app", "'' is not a node address"},
            {"dqlite://h:1,/app", "'' is not a node address"},
            {"dqlite://h:1//app", "contains '/'"},
            {"dqlite://h:1/\0app", "NUL"},
            {"dqlite://h:1/a\0pp", "NUL"},
        };
        for (String[] c : cases) {
            SQLException e = assertThrows(SQLException.class, () -> Target.parse(c[0]), c[0]);
            assertEquals(ConfigErrors.BAD_URL, e.getSQLState(), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
    }
}
