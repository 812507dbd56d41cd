package io.pooledsqlite.config;

import java.sql.SQLException;
import java.util.Collection;

/** Builds the {@link SQLException}s for configuration mistakes, so every one names what was wrong. */
public final class ConfigErrors {
    /** SQLState for a setting name neither the pool nor sqlite-jdbc knows (ODBC "invalid option identifier"). */
    public static final String UNKNOWN_KEY = "HY092";
    /** SQLState for a value of the wrong type or out of range (ODBC "invalid attribute value"). */
    public static final String BAD_VALUE = "HY024";
    /** SQLState for a URL that cannot be parsed (cannot establish a connection). */
    public static final String BAD_URL = "08001";

    private ConfigErrors() {
    }

    static SQLException badValue(String key, String raw, String expected) {
        return new SQLException("Invalid value '" + raw + "' for setting '" + key + "': expected " + expected,
                BAD_VALUE);
    }

    static SQLException twoValues(String firstName, String firstValue, String secondName, String secondValue) {
        return new SQLException("Settings '" + firstName + "' ('" + firstValue + "') and '" + secondName + "' ('"
                + secondValue + "') name one setting with two values: set it once", BAD_VALUE);
    }

    static SQLException unknownKey(String key, Collection<String> validKeys) {
        return new SQLException("Unknown setting '" + key + "': neither pooledsqlite nor sqlite-jdbc knows it"
                + "; did you mean '" + closest(key, validKeys) + "'?", UNKNOWN_KEY);
    }

    static SQLException malformedUrl(String url, String why) {
        return new SQLException("Malformed pooledsqlite URL '" + url + "': " + why, BAD_URL);
    }

    /**
     * The valid key with the smallest edit distance to {@code key}, ignoring case; on a tie the one listed
     * first. {@code validKeys} is never empty (the pool's keys alone are a dozen).
     */
    static String closest(String key, Collection<String> validKeys) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String k = key.toLowerCase(java.util.Locale.ROOT);
        for (String candidate : validKeys) {
            int d = editDistance(k, candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
