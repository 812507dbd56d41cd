package io.pooledsqlite.engine.dqlite;

/**
 * The numbers of dqlite's client wire protocol, version 1: request and response type codes, value type
 * codes and the row batch markers. Every message is a one-word header (body size in words, type, schema
 * revision) followed by a body of little-endian 8-byte words.
 */
final class Wire {
    /** The protocol version the client sends as its first word. */
    static final long PROTOCOL_VERSION = 1;
    /** Bytes in a word. */
    static final int WORD = 8;

    static final int REQUEST_LEADER = 0;
    static final int REQUEST_CLIENT = 1;
    static final int REQUEST_OPEN = 3;
    static final int REQUEST_PREPARE = 4;
    static final int REQUEST_EXEC = 5;
    static final int REQUEST_QUERY = 6;
    static final int REQUEST_FINALIZE = 7;
    static final int REQUEST_EXEC_SQL = 8;
    static final int REQUEST_QUERY_SQL = 9;
    static final int REQUEST_INTERRUPT = 10;
    static final int REQUEST_CLUSTER = 16;

    static final int RESPONSE_FAILURE = 0;
    static final int RESPONSE_NODE = 1;
    static final int RESPONSE_WELCOME = 2;
    static final int RESPONSE_NODES = 3;
    static final int RESPONSE_DB = 4;
    static final int RESPONSE_STMT = 5;
    static final int RESPONSE_RESULT = 6;
    static final int RESPONSE_ROWS = 7;
    static final int RESPONSE_EMPTY = 8;
    /** The highest response type the protocol defines (METADATA); anything above is not dqlite. */
    static final int LAST_RESPONSE_TYPE = 10;

    static final int TYPE_INTEGER = 1;
    static final int TYPE_FLOAT = 2;
    static final int TYPE_TEXT = 3;
    static final int TYPE_BLOB = 4;
    static final int TYPE_NULL = 5;
    /** dqlite's extra type for columns declared as a time, sent as seconds since the epoch. */
    static final int TYPE_UNIXTIME = 9;
    /** dqlite's extra type for columns declared {@code DATETIME}, {@code DATE} or {@code TIMESTAMP}: text. */
    static final int TYPE_ISO8601 = 10;
    /** dqlite's extra type for columns declared {@code BOOLEAN}: an integer 0 or 1. */
    static final int TYPE_BOOLEAN = 11;

    /** First byte of the word that ends a batch of rows when more batches follow. */
    static final int ROWS_PART = 0xee;
    /** First byte of the word that ends the last batch of rows. */
    static final int ROWS_DONE = 0xff;

    /** Largest message body the client accepts, in bytes: a bound against a peer that is not dqlite. */
    static final long MAX_BODY_BYTES = 256L << 20;

    private Wire() {
    }

    static String responseName(int type) {
        switch (type) {
            case RESPONSE_FAILURE: return "FAILURE";
            case RESPONSE_NODE: return "NODE";
            case RESPONSE_WELCOME: return "WELCOME";
            case RESPONSE_NODES: return "NODES";
            case RESPONSE_DB: return "DB";
            case RESPONSE_STMT: return "STMT";
            case RESPONSE_RESULT: return "RESULT";
            case RESPONSE_ROWS: return "ROWS";
            case RESPONSE_EMPTY: return "EMPTY";
            default: return "type " + type;
        }
    }
}
