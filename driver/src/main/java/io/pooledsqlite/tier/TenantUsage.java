package io.pooledsqlite.tier;

/** One tenant's acquisitions in the current day and month windows. Guarded by the {@link QuotaLedger}. */
final class TenantUsage {
    private String day = "";
    private long dayUsed;
    private String month = "";
    private long monthUsed;

    /** Moves to the given windows, starting a window's count from zero when it changed. */
    void roll(String currentDay, String currentMonth) {
        if (!currentDay.equals(day)) {
            day = currentDay;
            dayUsed = 0;
        }
        if (!currentMonth.equals(month)) {
            month = currentMonth;
            monthUsed = 0;
        }
    }

    /** Adds acquisitions recorded earlier (by a previous run) for a window, if it is the current one. */
    void addStored(String period, long used) {
        if (period.equals(day)) {
            dayUsed += used;
        } else if (period.equals(month)) {
            monthUsed += used;
        }
    }

    void count(long n) {
        dayUsed += n;
        monthUsed += n;
    }

    long dayUsed() {
        return dayUsed;
    }

    long monthUsed() {
        return monthUsed;
    }

    String day() {
        return day;
    }

    String month() {
        return month;
    }
}
