package io.pooledsqlite.engine.dqlite;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * A registered client of the leader with one database open on it: the requests the JDBC layer needs. One
 * request at a time: a query still streaming rows is read into memory before the next request is sent.
 * Any {@link IOException} leaves the session unusable; a {@link ServerFailure} does not.
 */
final class DqliteSession implements AutoCloseable {
    private final NodeConnection node;
    private final int database;
    private final LeaderTerm term;
    private RowCursor streaming;

    DqliteSession(NodeConnection node, int database, LeaderTerm term) {
        this.node = node;
        this.database = database;
        this.term = term;
    }

    /** The leader this session was opened on, as all sessions on it know it. */
    LeaderTerm term() {
        return term;
    }

    /** The leader this session talks to. */
    String address() {
        return node.address();
    }

    void readTimeout(int timeoutMs) throws IOException {
        node.readTimeout(timeoutMs);
    }

    PreparedInfo prepare(String sql) throws IOException, ServerFailure {
        Response r = call(new Request(Wire.REQUEST_PREPARE).uint64(database).text(sql), Wire.RESPONSE_STMT);
        r.uint32();
        int id = r.uint32();
        long params = r.uint64();
        return new PreparedInfo(id, (int) params);
    }

    ExecResult exec(int statement, List<Object> parameters) throws IOException, ServerFailure {
        Request q = new Request(Wire.REQUEST_EXEC).uint32Pair(database, statement).parameters(parameters(parameters));
        return result(call(q, Wire.RESPONSE_RESULT));
    }

    RowCursor query(int statement, List<Object> parameters) throws IOException, ServerFailure {
        Request q = new Request(Wire.REQUEST_QUERY).uint32Pair(database, statement).parameters(parameters(parameters));
        return startCursor(call(q, Wire.RESPONSE_ROWS));
    }

    /** Runs every statement of {@code sql}. */
    ExecResult execSql(String sql, List<Object> parameters) throws IOException, ServerFailure {
        Request q = new Request(Wire.REQUEST_EXEC_SQL).uint64(database).text(sql).parameters(parameters(parameters));
        return result(call(q, Wire.RESPONSE_RESULT));
    }

    RowCursor querySql(String sql, List<Object> parameters) throws IOException, ServerFailure {
        Request q = new Request(Wire.REQUEST_QUERY_SQL).uint64(database).text(sql).parameters(parameters(parameters));
        return startCursor(call(q, Wire.RESPONSE_ROWS));
    }

    void finalizeStatement(int statement) throws IOException, ServerFailure {
        call(new Request(Wire.REQUEST_FINALIZE).uint32Pair(database, statement), Wire.RESPONSE_EMPTY);
    }

    /** The next batch of the streaming query (after a batch that ended with the more-rows marker). */
    Response nextBatch() throws IOException, ServerFailure {
        return node.expect(Wire.RESPONSE_ROWS);
    }

    void cursorFinished(RowCursor cursor) {
        if (streaming == cursor) {
            streaming = null;
        }
    }

    /** Stops a query that still has rows to send, and reads what is left of its answer. */
    void interrupt(RowCursor cursor) throws IOException, ServerFailure {
        cursorFinished(cursor);
        node.send(new Request(Wire.REQUEST_INTERRUPT).uint64(database));
        while (true) {
            Response r;
            try {
                r = node.receive();
            } catch (ServerFailure interrupted) {
                // the query's own end, reported as a failure (SQLITE_INTERRUPT); the EMPTY answer follows
                continue;
            }
            if (r.type() == Wire.RESPONSE_EMPTY) {
                return;
            }
            NodeConnection.check(r, Wire.RESPONSE_ROWS);
        }
    }

    private RowCursor startCursor(Response first) throws ProtocolViolation {
        RowCursor c = new RowCursor(this, first);
        streaming = c;
        return c;
    }

    private Response call(Request request, int expected) throws IOException, ServerFailure {
        if (streaming != null) {
            streaming.buffer();
        }
        node.send(request);
        return node.expect(expected);
    }

    private static ExecResult result(Response r) throws ProtocolViolation {
        return new ExecResult(r.uint64(), r.uint64());
    }

    private static List<Object> parameters(List<Object> p) {
        return p == null ? Collections.emptyList() : p;
    }

    @Override
    public void close() {
        node.close();
    }
}
