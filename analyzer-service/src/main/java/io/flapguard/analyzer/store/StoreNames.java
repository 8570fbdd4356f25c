package io.flapguard.analyzer.store;

/** Names of the analyzer's state stores, shared by the topology that builds them and the queries that read them. */
public final class StoreNames {
    /** Per router (partitioned by serial): {@code RouterState}. */
    public static final String ROUTERS = "router-state";
    /** Per modem model: sums of every cohort of that model. */
    public static final String MODELS = "fleet-models";
    /** Per modem model: each router's latest summary per cohort, so a new summary replaces the old one. */
    public static final String MEMBERS = "fleet-members";
    /** Per operator: active routers and incidents per minute. */
    public static final String OPERATORS = "fleet-operators";
    /** Global: every fleet-wide fact, on every instance. */
    public static final String FACTS = "fleet-facts";

    private StoreNames() {
    }
}
