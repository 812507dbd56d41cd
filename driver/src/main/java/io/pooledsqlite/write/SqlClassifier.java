package io.pooledsqlite.write;

/**
 * Classifies SQL text by its first keyword, conservatively: only what certainly reads is a read.
 *
 * <ul>
 *   <li>{@code SELECT}, {@code VALUES}, {@code EXPLAIN}, and {@code PRAGMA name} / {@code PRAGMA name(arg)}
 *       without {@code =} are reads;</li>
 *   <li>{@code WITH …} is a read unless the text contains {@code INSERT}, {@code UPDATE}, {@code DELETE}
 *       or {@code REPLACE} as a word;</li>
 *   <li>{@code BEGIN} and {@code COMMIT}/{@code END}/{@code ROLLBACK} (without {@code TO}) control
 *       transactions;</li>
 *   <li>everything else, and any text with a second statement after a {@code ;}, may write.</li>
 * </ul>
 * The result is cached with each prepared statement, so this runs once per physical statement.
 */
public final class SqlClassifier {
    private SqlClassifier() {
    }

    /** Classifies one SQL string. */
    public static StatementKind classify(String sql) {
        if (sql == null) {
            return StatementKind.WRITE;
        }
        int start = skipSpaceAndComments(sql, 0);
        int end = start;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        String keyword = sql.substring(start, end);
        if (hasSecondStatement(sql, end)) {
            return StatementKind.WRITE;
        }
        if (keyword.equalsIgnoreCase("select") || keyword.equalsIgnoreCase("values")
                || keyword.equalsIgnoreCase("explain")) {
            return StatementKind.READ;
        }
        if (keyword.equalsIgnoreCase("with")) {
            return containsWord(sql, end, "insert") || containsWord(sql, end, "update")
                    || containsWord(sql, end, "delete") || containsWord(sql, end, "replace")
                    ? StatementKind.WRITE : StatementKind.READ;
        }
        if (keyword.equalsIgnoreCase("pragma")) {
            return sql.indexOf('=', end) < 0 ? StatementKind.READ : StatementKind.WRITE;
        }
        if (keyword.equalsIgnoreCase("begin")) {
            return StatementKind.BEGIN;
        }
        if (keyword.equalsIgnoreCase("commit") || keyword.equalsIgnoreCase("end")) {
            return StatementKind.COMMIT;
        }
        if (keyword.equalsIgnoreCase("rollback")) {
            return containsWord(sql, end, "to") ? StatementKind.WRITE : StatementKind.ROLLBACK;
        }
        return StatementKind.WRITE;
    }

    private static int skipSpaceAndComments(String sql, int i) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? sql.length() : close + 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** True if a {@code ;} outside quotes and comments is followed by more SQL. */
    private static boolean hasSecondStatement(String sql, int from) {
        char quote = 0;
        for (int i = from; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
                quote = c == '[' ? ']' : c;
            } else if (sql.startsWith("--", i) || sql.startsWith("/*", i)) {
                i = skipSpaceAndComments(sql, i) - 1;
            } else if (c == ';') {
                return skipSpaceAndComments(sql, i + 1) < sql.length();
            }
        }
        return false;
    }

    private static boolean containsWord(String sql, int from, String word) {
        int n = word.length();
        for (int i = from; i + n <= sql.length(); i++) {
            if (sql.regionMatches(true, i, word, 0, n)
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))
                    && (i + n == sql.length() || !Character.isLetterOrDigit(sql.charAt(i + n)))) {
                return true;
            }
        }
        return false;
    }
}
