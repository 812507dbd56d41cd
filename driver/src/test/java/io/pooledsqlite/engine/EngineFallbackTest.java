package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine chain, in child JVMs whose native library is made unloadable. */
class EngineFallbackTest {
    @TempDir
    Path dir;

    @Test
    void withoutANativeLibraryThePoolRunsOnWasmAndTheNativeEngineReadsItsDataAfterwards() throws Exception {
        Path db = dir.resolve("fallback.db");
        try (ChildJvm child = ChildJvm.start(PoolProbeMain.class, List.of("org.sqlite.lib.name=no-such-sqlitejdbc.so",
                NativeLibrary.DIRECTORY_PROPERTY + "=" + dir.resolve("private-native")), db.toString(), "35")) {
            assertEquals("java.sql.SQLException", child.await("RAW="));
            String forced = child.await("NATIVE=");
            assertTrue(forced.startsWith("08001 engine=native but the native SQLite library cannot load"), forced);
            assertEquals("wasm", child.await("ENGINE="));
            assertEquals("1", child.await("FALLBACKS="));
            child.await("DONE");
            assertEquals(0, child.exitCode());
        }
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + db + "?engine=native");
             Connection c = ds.getConnection()) {
            assertEquals("native", ds.getPoolMXBean().getEngine());
            assertEquals(35, Databases.queryLong(c, "SELECT count(*) FROM t"));
            assertEquals("row 34", Databases.queryString(c, "SELECT v FROM t WHERE id = 35"));
        }
    }

    @Test
    void aTempDirectoryThatCannotHoldTheLibraryIsReplacedByAPrivateOne() throws Exception {
        Path notADirectory = Files.createFile(dir.resolve("tmp-is-a-file"));
        Path privateDir = dir.resolve("private-native");
        Path db = dir.resolve("relocated.db");
        try (ChildJvm child = ChildJvm.start(PoolProbeMain.class, List.of("org.sqlite.tmpdir=" + notADirectory,
                NativeLibrary.DIRECTORY_PROPERTY + "=" + privateDir), db.toString(), "5")) {
            assertEquals("java.sql.SQLException", child.await("RAW="));
            assertEquals("available", child.await("NATIVE="));
            assertEquals("native-relocated", child.await("ENGINE="));
            // both pools of the child (engine=native, then engine=auto) run on the relocated library
            assertEquals("2", child.await("FALLBACKS="));
            assertEquals(0, child.exitCode());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateDir)));
    }
}
