package io.pooledsqlite.engine.dqlite;

import java.io.IOException;

/** The peer sent something dqlite's protocol does not allow: it is not a dqlite node, or it is broken. */
final class ProtocolViolation extends IOException {
    private static final long serialVersionUID = 1L;

    ProtocolViolation(String message) {
        super(message);
    }
}
