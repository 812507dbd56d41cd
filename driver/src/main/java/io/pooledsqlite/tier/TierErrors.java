package io.pooledsqlite.tier;

import java.sql.SQLException;

/** SQLStates of the tier feature, and the exceptions for bad tier configuration. */
public final class TierErrors {
    /** Bad tier configuration or an unknown tier in a request (ODBC "invalid attribute value"). */
    public static final String BAD_VALUE = "HY024";
    /** A tier key whose field does not exist (ODBC "invalid option identifier"), as for other settings. */
    public static final String UNKNOWN_KEY = "HY092";
    /** A tenant over its daily or monthly quota (class 54 "program limit exceeded", our subclass Q01). */
    public static final String QUOTA_EXCEEDED = "54Q01";
    /** A request naming no tenant or a tenant without a tier (SQL "invalid authorization specification"). */
    public static final String NO_TIER = "28000";
    /** A request that waited {@code connectionTimeout} for a slot of its tenant or tier, as for the pool. */
    public static final String TIMED_OUT = "08001";

    private TierErrors() {
    }

    static SQLException badValue(String message) {
        return new SQLException(message, BAD_VALUE);
    }
}
