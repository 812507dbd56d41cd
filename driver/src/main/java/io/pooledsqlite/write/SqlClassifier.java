package io.pooledsqlite.write;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Classifies SQL text into a {@link StatementKind}. Where SQLite's grammar decides by the first keyword
 * the keyword is enough ({@code SELECT} never writes, only {@code BEGIN}, {@code COMMIT}/{@code END},
 * {@code ROLLBACK}, {@code SAVEPOINT} and {@code RELEASE} compile to SQLite's transaction opcodes); where
 * it does not ({@code WITH …}) SQLite itself is asked, through {@link WriteProbe}. Pragmas are classified
 * from {@link Pragmas}. Text with a second statement after a {@code ;} is a {@link StatementKind#SCRIPT}.
 * Prepared statements are classified once and the result cached with them.
 */
public final class SqlClassifier {
    /** Asks SQLite whether a statement writes (its compiled program opens a write transaction). */
    public interface WriteProbe {
        /** True if the statement would write, or if SQLite cannot compile it. */
        boolean writes(String sql) throws SQLException;
    }

    private SqlClassifier() {
    }

    /** Classifies by text alone; statements only SQLite can classify count as writes. */
    public static StatementKind classify(String sql) {
        try {
            return classify(sql, null);
        } catch (SQLException e) {
            return StatementKind.WRITE;
        }
    }

    /** Classifies one SQL string, asking {@code probe} (if not null) where the text does not decide. */
    public static StatementKind classify(String sql, WriteProbe probe) throws SQLException {
        if (sql == null) {
            return StatementKind.WRITE;
        }
        int start = skipSpaceAndComments(sql, 0);
        int end = start;
        while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        if (hasSecondStatement(sql, end)) {
            return StatementKind.SCRIPT;
        }
        StatementKind kind = byKeyword(sql, sql.substring(start, end).toLowerCase(Locale.ROOT), end, probe);
        return mentionsChangeCounters(sql) ? kind.readingChangeCounters() : kind;
    }

    /** {@code last_insert_rowid()}, {@code changes()}: rare in SQL, so a plain scan is cheap enough. */
    private static boolean mentionsChangeCounters(String sql) {
        return (sql.indexOf('_') >= 0 && containsWord(sql, 0, "last_insert_rowid"))
                || ((sql.indexOf('c') >= 0 || sql.indexOf('C') >= 0) && containsWord(sql, 0, "changes"));
    }

    private static StatementKind byKeyword(String sql, String keyword, int end, WriteProbe probe)
            throws SQLException {
        switch (keyword) {
            case "select":
            case "values":
            case "explain":
                return StatementKind.READ;
            case "with":
                if (probe != null) {
                    return probe.writes(sql) ? StatementKind.INSERT : StatementKind.READ;
                }
                return containsWord(sql, end, "insert") || containsWord(sql, end, "update")
                        || containsWord(sql, end, "delete") || containsWord(sql, end, "replace")
                        ? StatementKind.INSERT : StatementKind.READ;
            case "pragma":
                return pragma(sql, end);
            case "begin":
            case "commit":
            case "end":
            case "rollback":
            case "savepoint":
            case "release":
                return StatementKind.TRANSACTION_CONTROL;
            case "create":
                return StatementKind.CREATE;
            case "attach":
                return StatementKind.ATTACH;
            case "detach":
                return StatementKind.DETACH;
            case "vacuum":
                return containsWord(sql, end, "into") ? StatementKind.VACUUM_INTO : StatementKind.VACUUM;
            case "insert":
            case "replace":
                return StatementKind.INSERT;
            case "update":
            case "delete":
                return StatementKind.UPDATE;
            case "drop":
            case "alter":
                return StatementKind.DDL_WRITE;
            case "analyze":
            case "reindex":
                return StatementKind.WRITE;
            default:
                // no statement of SQLite's starts so: it fails to compile and changes nothing
                return StatementKind.WRITE;
        }
    }

    /**
     * {@code PRAGMA [schema.]name [= value | (value)]}: a known connection setting is restored on return;
     * a known read or file pragma changes nothing to undo; anything else (another schema, an unknown
     * name) makes the connection opaque.
     */
    private static StatementKind pragma(String sql, int from) {
        int i = skipSpaceAndComments(sql, from);
        int nameStart = i;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
                || sql.charAt(i) == '.')) {
            i++;
        }
        String name = sql.substring(nameStart, i).toLowerCase(Locale.ROOT);
        if (name.startsWith("main.")) {
            name = name.substring(5);
        }
        int rest = skipSpaceAndComments(sql, i);
        boolean hasArgument = rest < sql.length() && sql.charAt(rest) != ';';
        if (Pragmas.SESSION.contains(name) || Pragmas.WRITE_ONLY_SESSION.contains(name)) {
            // journal_mode and locking_mode need SQLite's locks to change: take the gate as for a write
            boolean writes = hasArgument && (name.equals("journal_mode") || name.equals("locking_mode"));
            return hasArgument ? StatementKind.sessionPragma(name, writes) : StatementKind.READ;
        }
        if (Pragmas.STATELESS_READS.contains(name)) {
            return StatementKind.READ;
        }
        if (Pragmas.FILE_WRITES.contains(name)) {
            boolean acts = name.equals("optimize") || name.equals("incremental_vacuum")
                    || name.equals("wal_checkpoint");
            return hasArgument || acts ? StatementKind.WRITE : StatementKind.READ;
        }
        return StatementKind.OPAQUE;
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
