package io.pooledsqlite.config;

/** Which SQLite implementation a pool uses ({@code engine} key). */
public enum EngineMode {
    /** Native sqlite-jdbc, falling back along the engine chain when it cannot load. */
    AUTO,
    /** Native sqlite-jdbc only. */
    NATIVE,
    /** The pure-Java sqlite4j engine only. */
    WASM,
    /** A dqlite cluster: implied by a {@code dqlite://} target, and only valid with one. */
    DQLITE
}
