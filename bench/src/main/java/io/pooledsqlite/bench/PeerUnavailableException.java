package io.pooledsqlite.bench;

/** A contender that cannot run on this machine or build (e.g. the wasm engine is not there yet). */
public final class PeerUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PeerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
