package io.pooledsqlite.engine.dqlite;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The rows of one query as they arrive: batches of rows, each ended by a marker that says whether another
 * batch follows. Each row is decoded into values ({@code Long}, {@code Double}, {@code String},
 * {@code byte[]} or null) and the wire type of each value. The connection can carry only one request at
 * a time, so before it is used for anything else the rest of the rows are read into memory
 * ({@link #buffer}); closing a cursor early interrupts the query on the node instead.
 */
final class RowCursor {
    private final DqliteSession session;
    private final List<String> columns;
    private final ArrayDeque<Object[]> buffered = new ArrayDeque<>();
    private Response batch;
    private boolean streaming;
    private Object[] values;
    private int[] types;
    private boolean closing;

    RowCursor(DqliteSession session, Response first) throws ProtocolViolation {
        this.session = session;
        this.columns = first.columns();
        this.batch = first;
        this.streaming = true;
    }

    List<String> columns() {
        return columns;
    }

    /** Moves to the next row; false after the last one. */
    boolean next() throws IOException, ServerFailure {
        if (!buffered.isEmpty()) {
            Object[] row = buffered.poll();
            values = (Object[]) row[0];
            types = (int[]) row[1];
            return true;
        }
        while (streaming) {
            if (decodeRow()) {
                return true;
            }
        }
        values = null;
        types = null;
        return false;
    }

    /** The current row's value in column {@code i} (0-based). */
    Object value(int i) {
        return values[i];
    }

    /** The wire type of the current row's value in column {@code i} (0-based). */
    int type(int i) {
        return types[i];
    }

    /** Reads every remaining row into memory, so the connection is free for another request. */
    void buffer() throws IOException, ServerFailure {
        Object[] keepValues = values;
        int[] keepTypes = types;
        while (streaming) {
            if (decodeRow()) {
                buffered.add(new Object[] {values, types});
            }
        }
        values = keepValues;
        types = keepTypes;
        session.cursorFinished(this);
    }

    /**
     * Stops the query: the rest of the batch at hand is skipped, and the node is interrupted only if it
     * still has batches to send.
     */
    void close() throws IOException, ServerFailure {
        buffered.clear();
        closing = true;
        while (streaming) {
            decodeRow();
        }
        values = null;
        types = null;
    }

    /** Decodes one row of the current batch into {@link #values}; false at a batch marker (handled). */
    private boolean decodeRow() throws IOException, ServerFailure {
        int n = columns.size();
        int first = batch.byteAt(0);
        if (first == Wire.ROWS_DONE || first == Wire.ROWS_PART) {
            batch.skip(Wire.WORD);
            if (first == Wire.ROWS_DONE) {
                streaming = false;
                session.cursorFinished(this);
            } else if (closing) {
                streaming = false;
                session.interrupt(this);
            } else {
                batch = session.nextBatch();
                if (batch.columns().size() != n) {
                    throw new ProtocolViolation("a later batch of rows changed the number of columns");
                }
            }
            return false;
        }
        int headerBytes = (n * 4 + 63) / 64 * Wire.WORD;
        int[] rowTypes = new int[n];
        for (int i = 0; i < n; i++) {
            int b = batch.byteAt(i / 2);
            rowTypes[i] = (i % 2 == 0) ? b & 0x0f : b >> 4;
        }
        batch.skip(headerBytes);
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
            row[i] = decodeValue(rowTypes[i]);
            if (rowTypes[i] == Wire.TYPE_ISO8601 && "".equals(row[i])) {
                // dqlite sends NULL in a DATETIME/DATE/TIMESTAMP column as empty ISO-8601 text (an empty
                // string stored there is indistinguishable and reads as NULL too)
                row[i] = null;
                rowTypes[i] = Wire.TYPE_NULL;
            }
        }
        values = row;
        types = rowTypes;
        return true;
    }

    private Object decodeValue(int type) throws ProtocolViolation {
        switch (type) {
            case Wire.TYPE_INTEGER:
            case Wire.TYPE_UNIXTIME:
            case Wire.TYPE_BOOLEAN:
                return batch.uint64();
            case Wire.TYPE_FLOAT:
                return batch.float64();
            case Wire.TYPE_TEXT:
            case Wire.TYPE_ISO8601:
                return batch.text();
            case Wire.TYPE_BLOB:
                return batch.blob();
            case Wire.TYPE_NULL:
                batch.skip(Wire.WORD);
                return null;
            default:
                throw new ProtocolViolation("a row holds a value of unknown type " + type);
        }
    }
}
