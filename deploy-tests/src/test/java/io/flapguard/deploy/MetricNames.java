package io.flapguard.deploy;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeSet;

/**
 * The Prometheus metric names the services expose (as Micrometer's Prometheus registry names them),
 * which alert rules and dashboard panels may use. Keep this list honest: add a name only when the
 * service's code registers it (grep: Counter.builder / Timer.builder / Gauge.builder / registry.counter
 * under each service's src/main).
 */
public final class MetricNames {
    /** Histograms (Micrometer Timers with a percentile histogram): also _bucket, _count, _sum, _max. */
    static final Set<String> HISTOGRAMS = Set.of(
            // telemetry-service IngestMetrics: Timer "flapguard.telemetry.ingest.latency" {kind}
            "flapguard_telemetry_ingest_latency_seconds",
            // updater-service UpdaterMetrics: Timer "flapguard_updater_update_duration" {target_firmware,outcome}
            "flapguard_updater_update_duration_seconds");

    static final Set<String> SIMPLE = Set.of(
            // telemetry-service io.flapguard.telemetry.metrics.IngestMetrics
            "flapguard_telemetry_messages_received_total",     // {kind}
            "flapguard_telemetry_records_produced_total",      // {kind,type}
            "flapguard_telemetry_messages_rejected_total",     // {kind,reason}
            "flapguard_telemetry_lines_unclassified_total",    // {source}
            "flapguard_telemetry_unreadable_fields_total",     // {format,field}
            "flapguard_telemetry_inflight_messages",
            "flapguard_telemetry_mqtt_connected",
            "flapguard_telemetry_kafka_send_retries_total",
            "flapguard_telemetry_mqtt_connects_total",
            "flapguard_telemetry_mqtt_acks_skipped_total",
            // analyzer-service io.flapguard.analyzer.metrics.AnalyzerMetrics
            "flapguard_analyzer_incidents_total",              // {cause,modem_model}
            "flapguard_analyzer_duplicate_events_total",
            "flapguard_analyzer_late_events_total",
            "flapguard_analyzer_commands_total",               // {modem_model,target_firmware}
            "flapguard_analyzer_verifications_total",          // {outcome,target_firmware}
            "flapguard_analyzer_rejected_records_total",
            "flapguard_analyzer_unrecognised_values_total",   // {field}
            "flapguard_analyzer_evicted_routers_total",
            // updater-service io.flapguard.updater.metrics.UpdaterMetrics
            "flapguard_updater_updates_in_progress",
            "flapguard_updater_rollouts",                      // {state}
            "flapguard_updater_results_total",                 // {target_firmware,outcome,step}
            "flapguard_updater_commands_rejected_total",       // CommandIntake
            // every service: service-security io.flapguard.security.audit.AuditTrail
            "flapguard_audit_records_total",                   // {outcome}
            "flapguard_audit_write_failures_total",
            // Prometheus itself and every Quarkus service (quarkus-micrometer)
            "up",
            "process_cpu_usage",
            "jvm_memory_used_bytes",
            "http_server_requests_seconds_count");

    /** Every flapguard_* name of this list, histograms without their series suffixes. */
    public static Set<String> flapguardNames() {
        Set<String> names = new TreeSet<>();
        SIMPLE.stream().filter(n -> n.startsWith("flapguard_")).forEach(names::add);
        names.addAll(HISTOGRAMS);
        return names;
    }

    private static final Pattern FLAPGUARD_NAME = Pattern.compile("\\bflapguard_[a-z0-9_]+");

    private MetricNames() {
    }

    public static boolean exposed(String name) {
        if (SIMPLE.contains(name) || HISTOGRAMS.contains(name)) {
            return true;
        }
        for (String suffix : new String[] {"_bucket", "_count", "_sum", "_max"}) {
            if (name.endsWith(suffix) && HISTOGRAMS.contains(name.substring(0, name.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
    }

    /** Every flapguard_* metric name a PromQL expression mentions. */
    public static Set<String> flapguardNamesIn(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = FLAPGUARD_NAME.matcher(promql);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
