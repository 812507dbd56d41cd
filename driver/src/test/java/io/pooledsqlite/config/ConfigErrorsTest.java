package io.pooledsqlite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The suggestion in an unknown-setting error is the valid key with the fewest single-character edits. */
class ConfigErrorsTest {
    @Test
    void theSuggestionIsTheKeyWithTheFewestEdits() {
        assertEquals("x1", ConfigErrors.closest("x", List.of("abc", "x1")), "one insertion against three edits");
        assertEquals("abcz1", ConfigErrors.closest("abcz", List.of("ab", "abcz1")),
                "the typed key's last character counts");
        assertEquals("kitten", ConfigErrors.closest("sitting", List.of("sitting-room", "kitten")),
                "3 edits against 5");
        assertEquals("ab", ConfigErrors.closest("", List.of("abc", "ab")), "from nothing: the shortest key");
    }

    @Test
    void casesAreIgnoredAndTheKeyIsNamedAsDefined() {
        assertEquals("maxPoolSize", ConfigErrors.closest("MAXPOOLSIZ", List.of("minIdle", "maxPoolSize")));
    }

    @Test
    void onATieTheKeyListedFirstIsNamed() {
        assertEquals("xb", ConfigErrors.closest("ab", List.of("xb", "ax")));
        assertEquals("ax", ConfigErrors.closest("ab", List.of("ax", "xb")));
    }

    @Test
    void anUnknownSettingErrorNamesTheSettingAndTheSuggestion() {
        SQLException e = ConfigErrors.unknownKey("jounral_mode", List.of("journal_mode", "minIdle"));
        assertEquals(ConfigErrors.UNKNOWN_KEY, e.getSQLState());
        assertEquals("Unknown setting 'jounral_mode': neither pooledsqlite nor sqlite-jdbc knows it;"
                + " did you mean 'journal_mode'?", e.getMessage());
    }

    @Test
    void aSettingWithAnEmptyNameIsUnknown() {
        Properties p = new Properties();
        p.setProperty(" ", "x");
        SQLException e = assertThrows(SQLException.class, () -> ConfigParser.parse("jdbc:pooledsqlite:a.db", p));
        assertEquals(ConfigErrors.UNKNOWN_KEY, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Unknown setting ''"), e.getMessage());
    }
}
