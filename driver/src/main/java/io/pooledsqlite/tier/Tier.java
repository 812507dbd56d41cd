package io.pooledsqlite.tier;

import java.sql.SQLException;
import java.util.Locale;

/** The service tiers a tenant can be on, lowest first. Names in configuration are the lower-case forms. */
public enum Tier {
    FREE, PRO, ENTERPRISE;

    /** The tier's name in configuration keys and messages: {@code free}, {@code pro}, {@code enterprise}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The tier named {@code name}, ignoring case.
     *
     * @throws SQLException with SQLState {@value TierErrors#BAD_VALUE} naming the valid tiers
     */
    public static Tier parse(String name) throws SQLException {
        if (name != null) {
            for (Tier t : values()) {
                if (t.key().equalsIgnoreCase(name.trim())) {
                    return t;
                }
            }
        }
        throw TierErrors.badValue("Unknown tier '" + name + "': expected free, pro or enterprise");
    }

    @Override
    public String toString() {
        return key();
    }
}
