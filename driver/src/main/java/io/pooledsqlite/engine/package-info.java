/**
 * The engine seam and the in-process SQLite implementations behind it. {@link io.pooledsqlite.engine.Engine} is
 * everything a pool and its connections ask of an engine: connecting, transaction control
 * ({@link io.pooledsqlite.engine.TransactionControl}), error classification
 * ({@link io.pooledsqlite.engine.ErrorClassifier}), a watch over the database
 * ({@link io.pooledsqlite.engine.DatabaseWatch}), the integrity check and connection limits; its defaults are
 * SQLite's own behaviour. The seam types name no engine; the engines are chosen once per pool by
 * {@code engine.resolve.EngineResolver} (the local chain by {@link io.pooledsqlite.engine.LocalEngines}) and
 * reported as the MXBean's {@code Engine} attribute.
 *
 * <ol>
 *   <li>{@code native}: sqlite-jdbc with its bundled library, as shipped.
 *   <li>{@code native-relocated}: the same library, extracted to a private, owner-only directory
 *       ({@code ~/.cache/pooledsqlite/native}, or the system property {@code pooledsqlite.nativeDir}) when
 *       the temp directory cannot hold or execute it.
 *   <li>{@code wasm}: pure-Java sqlite4j ({@code io.roastedroot:sqlite4j}, an optional dependency) when no
 *       native library loads. One connection per database; every commit durable before {@code commit()}
 *       returns by default (system property {@code pooledsqlite.wasm.durability=commit|interval:<ms>}).
 * </ol>
 *
 * <p>How the wasm engine keeps the file on disk current: sqlite4j works on an in-memory copy, run in WAL
 * mode with exclusive locking. After each commit (and each auto-commit write, even a failing one) the
 * {@link io.pooledsqlite.engine.WalMirror} appends the frames SQLite committed to its in-memory log to
 * {@code <database>-wal} on disk, re-framed into a log of the engine's own ({@link io.pooledsqlite.engine.DiskLog}:
 * SQLite's format, its own salts and checksums, each transaction ended by its commit frame), so the disk
 * always holds a database plus a valid write-ahead log that native SQLite, or this engine on its next
 * start, recovers. The in-memory file system stamps every write with a counter, which tells exactly when
 * SQLite changed the in-memory database file: a restarted in-memory log after an unchanged file continues
 * the state on disk; anything else (a checkpoint the application ran followed by a restart, a changed
 * {@code journal_mode}, {@code VACUUM} outside WAL mode) is brought to disk by comparing the whole state
 * page by page and appending the differing pages as one transaction, and a changed page size by writing a
 * new file that is locked before it is renamed over the old one. {@code synchronous} keeps its native WAL
 * meaning: {@code FULL}/{@code EXTRA} sync the log at every commit (survives power loss);
 * {@code NORMAL} (the pool's default) and {@code OFF} sync it when it is folded and on close (every commit
 * survives a crash or {@code kill -9} of the process; the last ones may be lost on power loss). When the log
 * on disk is larger than the database (and at least {@code pooledsqlite.wasm.checkpointBytes}, default
 * 4 MiB) it is folded into the database file, which is synced, and both logs restart. A commit that cannot
 * be written makes the connection drop its in-memory copy, so it never becomes durable later.
 *
 * <p>Opening: the engine first locks SQLite's shared byte range of the file exclusively (as a native writer
 * does) and checks the {@code -shm} lock of native WAL users; a file another process has open is refused
 * ({@code 55006}) before any file is changed. It then puts the file, the committed part of its log and a hot
 * rollback journal into sqlite4j's in-memory file system itself, so SQLite's own recovery runs on them; a
 * journal naming a super-journal that still exists is refused ({@code 55000}). A file that does not fit in
 * the heap is refused ({@code 53200}).
 *
 * <p>Limits of the wasm engine: the file must be a plain path (no {@code file:} URI options); one pool
 * per file and no other process on the file while it runs (native processes get {@code SQLITE_BUSY});
 * a native connection in the same JVM is not detected (POSIX locks do not conflict within a process);
 * {@code VACUUM INTO} and {@code ATTACH} are refused ({@code SQLFeatureNotSupportedException}, 0A000): in
 * sqlite4j's in-memory file system they would reach no file on disk;
 * outside WAL mode, and after a checkpoint the application runs, a commit costs a comparison of the whole
 * file.
 */
package io.pooledsqlite.engine;
