package io.pooledsqlite.engine.dqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The encoding rules of dqlite's wire protocol, as its reference documents them, byte by byte. */
class WireCodecTest {

    private static byte[] bytes(Request r) {
        ByteBuffer b = r.encode();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] words(long... words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long w : words) {
            b.putLong(w);
        }
        return b.array();
    }

    @Test
    void theHeaderCountsBodyWordsAndNamesTheType() {
        byte[] m = bytes(new Request(Wire.REQUEST_LEADER).uint64(0));
        assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, m);
        byte[] exec = bytes(new Request(Wire.REQUEST_EXEC).uint32Pair(3, 7));
        assertArrayEquals(new byte[] {1, 0, 0, 0, 5, 0, 0, 0, 3, 0, 0, 0, 7, 0, 0, 0}, exec);
    }

    @Test
    void textIsZeroTerminatedAndPaddedToAWord() {
        byte[] seven = bytes(new Request(Wire.REQUEST_OPEN).text("1234567"));
        assertEquals(8 + 8, seven.length, "7 bytes and the terminator fill one word");
        byte[] eight = bytes(new Request(Wire.REQUEST_OPEN).text("12345678"));
        assertEquals(8 + 16, eight.length, "8 bytes need a second word for the terminator");
        assertEquals(0, eight[8 + 8]);
        assertEquals(2, eight[0]);
    }

    @Test
    void parametersHaveACountAndTypeHeaderThenTheValues() {
        byte[] m = bytes(new Request(Wire.REQUEST_EXEC_SQL).parameters(Arrays.asList(5L, 1.5, "a", new byte[] {9},
                null)));
        ByteBuffer b = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(7, b.getInt(), "header, 5 values, 1 word each but the blob's 2");
        b.position(8);
        assertArrayEquals(new byte[] {5, 1, 2, 3, 4, 5, 0, 0}, Arrays.copyOfRange(m, 8, 16));
        b.position(16);
        assertEquals(5L, b.getLong());
        assertEquals(1.5, b.getDouble());
        assertEquals('a', b.get());
        b.position(40);
        assertEquals(1L, b.getLong(), "a blob starts with its length");
        assertEquals(9, b.get());
        b.position(56);
        assertEquals(0L, b.getLong(), "null is a zero word");
        assertEquals(8, bytes(new Request(Wire.REQUEST_EXEC_SQL).parameters(Collections.emptyList())).length,
                "no parameters, no tuple");
    }

    @Test
    void eightOrMoreParametersGrowTheHeaderByWords() {
        byte[] m = bytes(new Request(Wire.REQUEST_EXEC).parameters(Arrays.asList(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L)));
        assertEquals(8 + 16 + 64, m.length, "1 count byte + 8 type bytes take two words");
        assertEquals(8, m[8]);
        assertEquals(1, m[16]);
        assertEquals(0, m[17]);
    }

    @Test
    void rowsDecodeFourBitTypesAndStopAtTheMarker() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(2);
        b.put("a".getBytes()).put(new byte[7]);
        b.put("b".getBytes()).put(new byte[7]);
        b.put((byte) (Wire.TYPE_INTEGER | Wire.TYPE_TEXT << 4)).put(new byte[7]);
        b.putLong(42);
        b.put("xy".getBytes()).put(new byte[6]);
        b.putLong(-1L);
        b.flip();
        Response r = new Response(Wire.RESPONSE_ROWS, b.slice().order(ByteOrder.LITTLE_ENDIAN));
        RowCursor c = new RowCursor(new DqliteSession(null, 0, new LeaderTerm("test")), r);
        assertEquals(Arrays.asList("a", "b"), c.columns());
        assertEquals(true, c.next());
        assertEquals(42L, c.value(0));
        assertEquals(Wire.TYPE_INTEGER, c.type(0));
        assertEquals("xy", c.value(1));
        assertEquals(Wire.TYPE_TEXT, c.type(1));
        assertEquals(false, c.next(), "the done marker ends the rows");
    }

    @Test
    void aTruncatedOrUnterminatedMessageIsAProtocolViolation() {
        Response shortBody = new Response(Wire.RESPONSE_RESULT, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN));
        assertThrows(ProtocolViolation.class, shortBody::uint64);
        ByteBuffer noZero = ByteBuffer.wrap("abcdefgh".getBytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertThrows(ProtocolViolation.class, () -> new Response(Wire.RESPONSE_NODE, noZero).text());
        ByteBuffer hugeBlob = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40);
        hugeBlob.flip();
        assertThrows(ProtocolViolation.class, () -> new Response(Wire.RESPONSE_ROWS, hugeBlob).blob());
        ByteBuffer manyColumns = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000);
        manyColumns.flip();
        assertThrows(ProtocolViolation.class, () -> new Response(Wire.RESPONSE_ROWS, manyColumns).columns());
    }
}
