package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wasm engine's durability policy, as {@code pooledsqlite.wasm.durability} names it. */
class DurabilityPolicyTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void commitWritesEveryCommitAtOnce() throws Exception {
        DurabilityPolicy p = DurabilityPolicy.parse(" commit ");
        assertTrue(p.due(1_000 * MS, 1_000 * MS), "even with no time passed");
        assertEquals("commit", p.toString());
    }

    @Test
    void anIntervalWritesOnceItHasPassedSinceTheLastWrite() throws Exception {
        DurabilityPolicy p = DurabilityPolicy.parse("interval:250");
        long last = 5_000 * MS;
        assertFalse(p.due(last, last + 249 * MS));
        assertTrue(p.due(last, last + 250 * MS), "exactly the interval");
        assertTrue(p.due(last, last + 10_000 * MS));
        assertEquals("interval of 250 ms", p.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interval:0", "interval:-5", "interval:", "interval:soon", "sometimes", "", "Commit"})
    void anythingElseIsRefusedNamingThePropertyAndTheExpectedForm(String value) {
        SQLException e = assertThrows(SQLException.class, () -> DurabilityPolicy.parse(value));
        assertEquals("22023", e.getSQLState());
        assertTrue(e.getMessage().contains(DurabilityPolicy.PROPERTY)
                && e.getMessage().contains("'" + value.trim() + "'")
                && e.getMessage().contains("commit or interval:<milliseconds>"), e.getMessage());
    }
}
