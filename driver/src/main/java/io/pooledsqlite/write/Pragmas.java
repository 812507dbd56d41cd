package io.pooledsqlite.write;

import java.util.Set;

/**
 * What the pool knows of SQLite's pragmas: which ones set state of one connection (restored when the
 * connection is returned), which ones only read or act on the database file, and which of those need the
 * write lock. A pragma in none of these lists is unknown to the pool: a connection that ran it is replaced.
 * Pragmas are never {@code EXPLAIN}ed to find out: SQLite applies many of them while it compiles.
 */
public final class Pragmas {
    /** Connection-scoped settings whose value can be read back and set again. */
    public static final Set<String> SESSION = Set.of(
            "analysis_limit", "automatic_index", "busy_timeout", "cache_size", "cache_spill", "cell_size_check",
            "checkpoint_fullfsync", "count_changes", "defer_foreign_keys", "empty_result_callbacks",
            "foreign_keys", "full_column_names", "fullfsync", "ignore_check_constraints", "journal_mode",
            "journal_size_limit", "legacy_alter_table", "locking_mode", "max_page_count", "mmap_size",
            "query_only", "read_uncommitted", "recursive_triggers", "reverse_unordered_selects", "secure_delete",
            "short_column_names", "synchronous", "temp_store", "threads", "trusted_schema", "wal_autocheckpoint",
            "writable_schema");

    /** Connection-scoped but write-only: restored by setting SQLite's default (or the pool's setting). */
    public static final Set<String> WRITE_ONLY_SESSION = Set.of("case_sensitive_like");

    /**
     * Reads, or settings stored in the database file (which a fresh connection sees as well), or settings
     * of the whole process (which a fresh connection shares): nothing to undo.
     */
    static final Set<String> STATELESS_READS = Set.of(
            "collation_list", "compile_options", "data_version", "database_list", "encoding",
            "foreign_key_check", "foreign_key_list", "freelist_count", "function_list", "index_info",
            "index_list", "index_xinfo", "integrity_check", "module_list", "page_count", "pragma_list",
            "quick_check", "shrink_memory", "stats", "table_info", "table_list", "table_xinfo",
            "soft_heap_limit", "hard_heap_limit");

    /** Stored in the file or acting on it: they take the write lock when they change something. */
    static final Set<String> FILE_WRITES = Set.of(
            "application_id", "auto_vacuum", "incremental_vacuum", "optimize", "page_size", "schema_version",
            "user_version", "wal_checkpoint");

    private Pragmas() {
    }
}
