package io.pooledsqlite.engine.dqlite;

import java.util.Locale;

/**
 * Decides whether a statement yields rows, which picks the request dqlite runs it with (QUERY or EXEC):
 * dqlite does not report a statement's column count when it prepares it, as SQLite's C API would. Rows
 * come from {@code SELECT}, {@code VALUES}, {@code EXPLAIN}, a {@code PRAGMA} without a value, a
 * {@code WITH} that reads, and any statement with a {@code RETURNING} clause.
 */
final class RowsClassifier {
    private RowsClassifier() {
    }

    static boolean yieldsRows(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        String keyword = firstKeyword(lower);
        switch (keyword) {
            case "select":
            case "values":
            case "explain":
                return true;
            case "pragma":
                return lower.indexOf('=') < 0;
            case "with":
                return !(hasWord(lower, "insert") || hasWord(lower, "update") || hasWord(lower, "delete")
                        || hasWord(lower, "replace")) || hasWord(lower, "returning");
            default:
                return hasWord(lower, "returning");
        }
    }

    /** True for statements after which SQLite's change count does not describe them (DDL, transaction control). */
    static boolean changesNothing(String sql) {
        switch (firstKeyword(sql.toLowerCase(Locale.ROOT))) {
            case "insert":
            case "update":
            case "delete":
            case "replace":
            case "with":
                return false;
            default:
                return true;
        }
    }

    static boolean inserts(String sql) {
        String k = firstKeyword(sql.toLowerCase(Locale.ROOT));
        return k.equals("insert") || k.equals("replace") || (k.equals("with") && hasWord(sql.toLowerCase(Locale.ROOT),
                "insert"));
    }

    /**
     * True if a {@code ;} is followed by more than blanks and semicolons. A semicolon inside a literal
     * also counts: the answer may be a false yes, never a false no.
     */
    static boolean severalStatements(String sql) {
        int semicolon = sql.indexOf(';');
        if (semicolon < 0) {
            return false;
        }
        for (int i = semicolon + 1; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (!Character.isWhitespace(c) && c != ';') {
                return true;
            }
        }
        return false;
    }

    private static String firstKeyword(String lower) {
        int i = 0;
        int n = lower.length();
        while (i < n) {
            char c = lower.charAt(i);
            if (Character.isWhitespace(c) || c == '(' || c == ';') {
                i++;
            } else if (lower.startsWith("--", i)) {
                int eol = lower.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (lower.startsWith("/*", i)) {
                int close = lower.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(lower.charAt(i))) {
            i++;
        }
        return lower.substring(start, i);
    }

    private static boolean hasWord(String lower, String word) {
        int from = 0;
        while (true) {
            int at = lower.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int end = at + word.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(lower.charAt(at - 1));
            boolean endOk = end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = end;
        }
    }
}
