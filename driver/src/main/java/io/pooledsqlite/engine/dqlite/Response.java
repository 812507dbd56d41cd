package io.pooledsqlite.engine.dqlite;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One response message being decoded. Every read checks the body's bounds, so a peer that is not dqlite
 * produces a {@link ProtocolViolation}, never an index error or a huge allocation.
 */
final class Response {
    private final int type;
    private final ByteBuffer body;

    Response(int type, ByteBuffer body) {
        this.type = type;
        this.body = body;
    }

    int type() {
        return type;
    }

    long uint64() throws ProtocolViolation {
        need(8);
        return body.getLong();
    }

    int uint32() throws ProtocolViolation {
        need(4);
        return body.getInt();
    }

    double float64() throws ProtocolViolation {
        need(8);
        return body.getDouble();
    }

    int byteAt(int offset) throws ProtocolViolation {
        if (body.position() + offset >= body.limit()) {
            throw new ProtocolViolation("a " + Wire.responseName(type) + " message ended early");
        }
        return body.get(body.position() + offset) & 0xff;
    }

    void skip(int bytes) throws ProtocolViolation {
        need(bytes);
        body.position(body.position() + bytes);
    }

    String text() throws ProtocolViolation {
        int start = body.position();
        int end = start;
        while (end < body.limit() && body.get(end) != 0) {
            end++;
        }
        if (end >= body.limit()) {
            throw new ProtocolViolation("a text field in a " + Wire.responseName(type) + " message is not terminated");
        }
        String s = new String(body.array(), body.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
        int padded = (end - start + 1 + Wire.WORD - 1) / Wire.WORD * Wire.WORD;
        skip(padded);
        return s;
    }

    byte[] blob() throws ProtocolViolation {
        long length = uint64();
        if (length < 0 || length > body.remaining()) {
            throw new ProtocolViolation("a blob of " + length + " bytes does not fit its message");
        }
        byte[] b = new byte[(int) length];
        body.get(b);
        skip((int) ((Wire.WORD - length % Wire.WORD) % Wire.WORD));
        return b;
    }

    /** The column names that start each batch of rows. */
    List<String> columns() throws ProtocolViolation {
        long n = uint64();
        if (n < 0 || n > body.remaining() / Wire.WORD) {
            throw new ProtocolViolation("a ROWS message claims " + n + " columns");
        }
        List<String> names = new ArrayList<>((int) n);
        for (int i = 0; i < n; i++) {
            names.add(text());
        }
        return names;
    }

    private void need(int bytes) throws ProtocolViolation {
        if (body.remaining() < bytes) {
            throw new ProtocolViolation("a " + Wire.responseName(type) + " message ended early");
        }
    }
}
