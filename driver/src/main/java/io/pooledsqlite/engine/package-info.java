/**
 * The SQLite implementations a pool runs on, chosen once per pool by {@link io.pooledsqlite.engine.EngineResolver}
 * and reported as the MXBean's {@code Engine} attribute.
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
 * mode with exclusive locking. After each commit the new committed frames of its log are appended to
 * {@code <database>-wal} on disk, so the disk always holds a database plus a valid SQLite write-ahead log
 * that native SQLite, or this engine on its next start, recovers. {@code synchronous} keeps its native WAL
 * meaning: {@code FULL}/{@code EXTRA} sync the log at every commit (survives power loss);
 * {@code NORMAL} (the pool's default) and {@code OFF} sync it when it is folded and on close (every commit
 * survives a crash or {@code kill -9} of the process; the last ones may be lost on power loss). The cost of a commit is
 * what it wrote, not the size of the database. When the log on disk is larger than the database (and at
 * least {@code pooledsqlite.wasm.checkpointBytes}, default 4 MiB) its pages are written into the database
 * file, which is synced, and both logs restart: that commit also pays for the pages in the log, at most
 * about one database's worth, so the cost per committed byte stays bounded.
 *
 * <p>Limits of the wasm engine: the file must be a plain path (no {@code file:} URI options); one pool
 * per file, and no other process on the file while it runs (the OS lock {@code <database>-pooledsqlite.lock}
 * keeps other wasm engines off, and a native process holding the file in WAL mode is refused at open, but
 * a native process in rollback-journal mode is not detected); changing {@code journal_mode} on its
 * connections would bypass the copy to disk, so the next commit fails ({@code 58030}) instead; auto-commit writes reach the disk at the next
 * {@code commit()} or when the connection closes unless the core reports them to
 * {@link io.pooledsqlite.engine.Engine#afterCommit}.
 */
package io.pooledsqlite.engine;
