package io.pooledsqlite.engine.dqlite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One request message being encoded: a type code and a body of little-endian words, padded per field. */
final class Request {
    /** The count of parameters is one byte in this schema revision. */
    static final int MAX_PARAMETERS = 255;

    private final int type;
    private ByteBuffer body = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);

    Request(int type) {
        this.type = type;
    }

    int type() {
        return type;
    }

    Request uint64(long v) {
        room(8).putLong(v);
        return this;
    }

    /** Two 32-bit fields that share one word, e.g. database and statement ids. */
    Request uint32Pair(int first, int second) {
        room(8).putInt(first).putInt(second);
        return this;
    }

    /** A zero-terminated UTF-8 string, zero-padded to the word boundary. */
    Request text(String s) {
        return padded(s.getBytes(StandardCharsets.UTF_8), 1);
    }

    /**
     * The parameters to bind: a header of one byte with the count and one byte per value's type, padded
     * to a word, then each value. No parameters means no tuple at all.
     */
    Request parameters(List<Object> values) {
        int n = values.size();
        if (n == 0) {
            return this;
        }
        if (n > MAX_PARAMETERS) {
            throw new IllegalArgumentException("at most " + MAX_PARAMETERS + " parameters, got " + n);
        }
        int headerBytes = align(1 + n);
        ByteBuffer b = room(headerBytes);
        int start = b.position();
        b.put((byte) n);
        for (Object v : values) {
            b.put((byte) typeOf(v));
        }
        b.position(start + headerBytes);
        for (Object v : values) {
            switch (typeOf(v)) {
                case Wire.TYPE_INTEGER:
                    uint64(((Long) v));
                    break;
                case Wire.TYPE_FLOAT:
                    room(8).putDouble((Double) v);
                    break;
                case Wire.TYPE_TEXT:
                    text((String) v);
                    break;
                case Wire.TYPE_BLOB:
                    byte[] blob = (byte[]) v;
                    uint64(blob.length);
                    padded(blob, 0);
                    break;
                default:
                    uint64(0);
                    break;
            }
        }
        return this;
    }

    /** The encoded message: header word then body. */
    ByteBuffer encode() {
        int size = body.position();
        ByteBuffer out = ByteBuffer.allocate(Wire.WORD + size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(size / Wire.WORD).put((byte) type).put((byte) 0).putShort((short) 0);
        out.put(body.array(), 0, size);
        out.flip();
        return out;
    }

    /** Values are bound as Long, Double, String, byte[] or null (see {@code DqlitePreparedStatement}). */
    private static int typeOf(Object v) {
        if (v == null) {
            return Wire.TYPE_NULL;
        }
        if (v instanceof Long) {
            return Wire.TYPE_INTEGER;
        }
        if (v instanceof Double) {
            return Wire.TYPE_FLOAT;
        }
        if (v instanceof String) {
            return Wire.TYPE_TEXT;
        }
        if (v instanceof byte[]) {
            return Wire.TYPE_BLOB;
        }
        throw new IllegalArgumentException("not a wire value: " + v.getClass().getName());
    }

    private Request padded(byte[] bytes, int terminators) {
        int size = align(bytes.length + terminators);
        ByteBuffer b = room(size);
        int start = b.position();
        b.put(bytes);
        b.position(start + size);
        return this;
    }

    private static int align(int bytes) {
        return (bytes + Wire.WORD - 1) / Wire.WORD * Wire.WORD;
    }

    private ByteBuffer room(int bytes) {
        if (body.remaining() < bytes) {
            ByteBuffer grown = ByteBuffer.allocate(Math.max(body.capacity() * 2, body.position() + bytes))
                    .order(ByteOrder.LITTLE_ENDIAN);
            body.flip();
            grown.put(body);
            body = grown;
        }
        return body;
    }
}
