package io.flapguard.brokers.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who may use which topics, from the router topic roots telemetry reads ({@code flapguard.mqtt.topic-root},
 * {@code publisher-root}, {@code data-to-server-root}). A router publishes only below {@code <root>/<its serial>/}
 * and subscribes to nothing; telemetry subscribes below every root (shared subscriptions too) and publishes
 * nothing. Everything not granted is denied.
 */
public record TopicPolicy(List<String> roots) {
    /** The contract's defaults: agent, Teltonika MQTT Publisher, Teltonika Data to Server. */
    public static final List<String> DEFAULT_ROOTS = List.of("rutx", "router", "teltonika");
    /** Client ids reserved for FlapGuard's own services, so no router can take over their persistent sessions. */
    public static final String SERVICE_CLIENT_ID_PREFIX = "flapguard-";
    private static final Pattern ROOT = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");

    public TopicPolicy {
        roots = List.copyOf(roots);
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("at least one topic root is needed");
        }
        for (String r : roots) {
            if (!ROOT.matcher(Objects.requireNonNull(r)).matches()) {
                throw new IllegalArgumentException("topic root '" + r + "' must be topic levels of [A-Za-z0-9_-]");
            }
        }
        roots = roots.stream().distinct().toList();
    }

    public static TopicPolicy defaults() {
        return new TopicPolicy(DEFAULT_ROOTS);
    }

    /** What an identity is granted. */
    public enum Activity { PUBLISH, SUBSCRIBE }

    /** One grant: {@code filter} for {@code activity}; subscriptions may be plain or shared. */
    public record Grant(String filter, Activity activity) {
    }

    public List<Grant> grants(MqttIdentity identity) {
        List<Grant> grants = new ArrayList<>();
        for (String root : roots) {
            switch (identity.role()) {
                case ROUTER -> grants.add(new Grant(root + "/" + identity.username() + "/#", Activity.PUBLISH));
                case TELEMETRY -> grants.add(new Grant(root + "/#", Activity.SUBSCRIBE));
            }
        }
        return grants;
    }

    /**
     * A router's client id must carry its serial ({@code <serial>}, {@code <serial>-...}, or the agent's
     * {@code fg-<serial>-...}), so one router cannot push another off the broker; ids starting with
     * {@value #SERVICE_CLIENT_ID_PREFIX} belong to the services. Services may use any client id.
     */
    public boolean clientIdAllowed(MqttIdentity identity, String clientId) {
        if (identity.role() != MqttRole.ROUTER) {
            return true;
        }
        if (clientId == null || clientId.startsWith(SERVICE_CLIENT_ID_PREFIX)) {
            return false;
        }
        String serial = identity.username();
        return clientId.equals(serial) || clientId.startsWith(serial + "-") || clientId.startsWith("fg-" + serial + "-");
    }
}
