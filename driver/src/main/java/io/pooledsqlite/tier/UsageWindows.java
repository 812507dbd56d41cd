package io.pooledsqlite.tier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The UTC day and month windows quotas count in, as keys ({@code day:2026-11-27}, {@code month:2026-11}). */
final class UsageWindows {
    private UsageWindows() {
    }

    static String day(Instant now) {
        return "day:" + LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    static String month(Instant now) {
        LocalDate d = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return "month:" + d.toString().substring(0, 7);
    }

    /** Next UTC midnight: when the daily quota resets. */
    static Instant dayEnd(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The first of next month at UTC midnight: when the monthly quota resets. */
    static Instant monthEnd(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
    }
}
