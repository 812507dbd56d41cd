package io.pooledsqlite.tier;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The tier configuration a data source collects before its pool starts: typed {@link TierLimits},
 * text keys {@code tier.<tier>.<field>} (fields {@code concurrent}, {@code daily}, {@code monthly},
 * {@code share}; quotas may be {@code unlimited}), tenant assignments and the clock. Text keys override
 * the typed limits field by field. {@link #resolve(int)} checks everything against the pool and
 * freezes it into a {@link TierPolicy}. Not thread-safe: the data source guards it.
 */
public final class TierSettings {
    /** The prefix of tier keys, e.g. {@code tier.pro.concurrent}. */
    public static final String KEY_PREFIX = "tier.";
    private static final List<String> FIELDS = Arrays.asList("concurrent", "daily", "monthly", "share");

    private final Map<Tier, TierLimits> limits = new EnumMap<>(Tier.class);
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final Map<String, Tier> tenants = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();

    /** True if {@code key} is a tier key (its prefix, ignoring case), which {@link #setKey} takes. */
    public static boolean isTierKey(String key) {
        return key != null && key.regionMatches(true, 0, KEY_PREFIX, 0, KEY_PREFIX.length());
    }

    /** Records a text key; it is checked by {@link #resolve(int)}, like every other pool setting. */
    public void setKey(String key, String value) {
        keys.put(key, value);
    }

    /** Sets the limits of one tier. */
    public void setLimits(Tier tier, TierLimits tierLimits) {
        limits.put(Objects.requireNonNull(tier, "tier"), Objects.requireNonNull(tierLimits, "limits"));
    }

    /** Puts a tenant on a tier, for requests that name only the tenant ({@code getConnection(user, …)}). */
    public void assign(String tenant, Tier tier) {
        if (tenant == null || tenant.isEmpty()) {
            throw new IllegalArgumentException("tenant must be a non-empty name");
        }
        tenants.put(tenant, Objects.requireNonNull(tier, "tier"));
    }

    /** The clock that decides the UTC day and month of each acquisition. */
    public void setClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True if no tier is configured: the data source then works without tiers. */
    public boolean isEmpty() {
        return limits.isEmpty() && keys.isEmpty();
    }

    /**
     * Checks the configuration against the pool and freezes it.
     *
     * @throws SQLException {@value TierErrors#BAD_VALUE} for a bad value, an unknown tier, a concurrent
     *     limit above {@code maxPoolSize} or shares above 100 %; {@value TierErrors#UNKNOWN_KEY} for an
     *     unknown field
     */
    public TierPolicy resolve(int maxPoolSize) throws SQLException {
        Map<Tier, long[]> fields = new EnumMap<>(Tier.class);
        for (Map.Entry<Tier, TierLimits> e : limits.entrySet()) {
            TierLimits l = e.getValue();
            fields.put(e.getKey(), new long[] {l.concurrent(), l.daily(), l.monthly(), l.sharePercent()});
        }
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String key = e.getKey();
            String rest = key.substring(KEY_PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot < 0) {
                throw new SQLException("Tier setting '" + key + "' must have the form tier.<free|pro|enterprise>."
                        + "<concurrent|daily|monthly|share>", TierErrors.UNKNOWN_KEY);
            }
            Tier tier = Tier.parse(rest.substring(0, dot));
            String field = rest.substring(dot + 1).toLowerCase(Locale.ROOT);
            int index = FIELDS.indexOf(field);
            if (index < 0) {
                throw new SQLException("Unknown tier setting '" + key + "': the fields are concurrent, daily,"
                        + " monthly and share", TierErrors.UNKNOWN_KEY);
            }
            long[] f = fields.computeIfAbsent(tier, t -> new long[] {-1, TierLimits.UNLIMITED, TierLimits.UNLIMITED, 0});
            f[index] = parse(key, field, e.getValue());
        }
        Map<Tier, TierLimits> resolved = new EnumMap<>(Tier.class);
        List<String> shares = new ArrayList<>();
        long shareSum = 0;
        for (Map.Entry<Tier, long[]> e : fields.entrySet()) {
            Tier tier = e.getKey();
            long[] f = e.getValue();
            if (f[0] < 0) {
                throw TierErrors.badValue("Tier " + tier.key() + " is configured without a concurrent limit: set "
                        + KEY_PREFIX + tier.key() + ".concurrent");
            }
            if (f[0] > maxPoolSize) {
                throw TierErrors.badValue("Tier " + tier.key() + ": concurrent=" + f[0] + " is above the pool's"
                        + " maxPoolSize=" + maxPoolSize + "; one tenant can never hold more than the pool has");
            }
            shareSum += f[3];
            shares.add(tier.key() + "=" + f[3] + "%");
            resolved.put(tier, TierLimits.of((int) f[0], f[1], f[2], (int) f[3]));
        }
        if (shareSum > 100) {
            throw TierErrors.badValue("Tier shares add up to " + shareSum + "% (" + String.join(", ", shares)
                    + "): the reserved parts of the pool can be at most 100%");
        }
        return new TierPolicy(resolved, new LinkedHashMap<>(tenants), maxPoolSize, clock);
    }

    private static long parse(String key, String field, String raw) throws SQLException {
        String v = raw == null ? "" : raw.trim();
        boolean quota = field.equals("daily") || field.equals("monthly");
        if (quota && v.equalsIgnoreCase("unlimited")) {
            return TierLimits.UNLIMITED;
        }
        if (field.equals("share") && v.endsWith("%")) {
            v = v.substring(0, v.length() - 1).trim();
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE;
        }
        long min = field.equals("concurrent") ? 1 : 0;
        long max = field.equals("share") ? 100 : field.equals("concurrent") ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (n < min || n > max) {
            String expected = field.equals("share") ? "a percentage from 0 to 100"
                    : field.equals("concurrent") ? "a whole number of at least 1"
                    : "a whole number of at least 0, or unlimited";
            throw TierErrors.badValue("Invalid value '" + raw + "' for tier setting '" + key + "': expected "
                    + expected);
        }
        return n;
    }
}
