package io.pooledsqlite.tier;

import javax.management.openmbean.CompositeData;

/**
 * One tier's figures at one moment, as {@link TierMXBean} shows them (JMX maps this class to
 * {@code CompositeData}). Counters count from the pool's start.
 */
public final class TierFigures {
    private final String tier;
    private final boolean configured;
    private final int concurrentLimit;
    private final int reservedConnections;
    private final int connectionsHeld;
    private final int requestsWaiting;
    private final long acquisitions;
    private final long timeouts;
    private final long quotaRejections;

    public TierFigures(String tier, boolean configured, int concurrentLimit, int reservedConnections,
                       int connectionsHeld, int requestsWaiting, long acquisitions, long timeouts,
                       long quotaRejections) {
        this.tier = tier;
        this.configured = configured;
        this.concurrentLimit = concurrentLimit;
        this.reservedConnections = reservedConnections;
        this.connectionsHeld = connectionsHeld;
        this.requestsWaiting = requestsWaiting;
        this.acquisitions = acquisitions;
        this.timeouts = timeouts;
        this.quotaRejections = quotaRejections;
    }

    /** Rebuilds figures read over JMX (the MXBean mapping's reconstruction hook). */
    public static TierFigures from(CompositeData d) {
        return new TierFigures((String) d.get("tier"), (Boolean) d.get("configured"),
                (Integer) d.get("concurrentLimit"), (Integer) d.get("reservedConnections"),
                (Integer) d.get("connectionsHeld"), (Integer) d.get("requestsWaiting"), (Long) d.get("acquisitions"), (Long) d.get("timeouts"),
                (Long) d.get("quotaRejections"));
    }

    /** The tier's name. */
    public String getTier() {
        return tier;
    }

    /** False if the pool has no limits for this tier (its requests are refused). */
    public boolean isConfigured() {
        return configured;
    }

    /** Connections one tenant of the tier may hold at once. */
    public int getConcurrentLimit() {
        return concurrentLimit;
    }

    /** Connections of the pool kept for this tier. */
    public int getReservedConnections() {
        return reservedConnections;
    }

    /** Connections tenants of this tier hold now. */
    public int getConnectionsHeld() {
        return connectionsHeld;
    }

    /** Requests of this tier waiting for a slot now. */
    public int getRequestsWaiting() {
        return requestsWaiting;
    }

    /** Connections lent to tenants of this tier. */
    public long getAcquisitions() {
        return acquisitions;
    }

    /** Requests that waited {@code connectionTimeout} for a slot in vain. */
    public long getTimeouts() {
        return timeouts;
    }

    /** Requests refused because the tenant's daily or monthly quota was used up. */
    public long getQuotaRejections() {
        return quotaRejections;
    }

    @Override
    public String toString() {
        return tier + "[held=" + connectionsHeld + ", reserved=" + reservedConnections + ", waiting="
                + requestsWaiting + ", acquisitions=" + acquisitions + ", timeouts=" + timeouts
                + ", quotaRejections=" + quotaRejections + "]";
    }
}
