package io.flapguard.systemtest;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.flapguard.stack.Monitoring;
import io.flapguard.stack.ServiceProcess;
import io.flapguard.wire.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FlapGuard's alert rules on real parts: Debian's Prometheus scrapes the running services and sends to Debian's
 * Alertmanager, which posts to a webhook receiver in this test. The rules' time windows are scaled 60 times (an hour
 * becomes a minute) because a simulated day lasts seconds here; the expressions and thresholds are the shipped ones.
 * Where either package is missing the alerting part is skipped with the reason printed.
 */
final class AlertWatch implements AutoCloseable {
    private static final Pattern DURATION = Pattern.compile("(\\[|for: )(\\d+)([smhd])");

    /** What Alertmanager sent: alert name and status (firing / resolved), in arrival order. */
    private final List<String[]> received;
    private final HttpServer receiver;
    private final Monitoring monitoring;

    private AlertWatch(List<String[]> received, HttpServer receiver, Monitoring monitoring) {
        this.received = received;
        this.receiver = receiver;
        this.monitoring = monitoring;
    }

    /** Alerting on the running system, or an inactive watch (its checks skipped) where the packages are missing. */
    static AlertWatch startIfInstalled(RunningSystem system, Path folder) {
        if (Monitoring.prometheus().isEmpty() || Monitoring.alertmanager().isEmpty()) {
            System.err.println("SKIPPED (alerting part): needs Debian's prometheus and prometheus-alertmanager "
                    + "(apt install prometheus prometheus-alertmanager)");
            return new AlertWatch(List.of(), null, null);
        }
        try {
            Path dir = folder.resolve("monitoring");
            Files.createDirectories(dir);
            Path rules = dir.resolve("flapguard-alerts.yml");
            Files.writeString(rules, scaled(Files.readString(
                    RunningSystem.HOME.resolve("deploy/prometheus/flapguard-alerts.yml"))));
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            List<String[]> received = new CopyOnWriteArrayList<>();
            server.createContext("/alerts", exchange -> {
                JsonNode body = WireCodec.mapper().readTree(exchange.getRequestBody());
                body.path("alerts").forEach(a -> received.add(
                        new String[] {a.path("labels").path("alertname").asText(), a.path("status").asText()}));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            Map<String, String> targets = new LinkedHashMap<>();
            for (ServiceProcess s : system.stack.services()) {
                targets.put(s.name(), s.baseUrl().replaceFirst("^https?://", ""));
            }
            Monitoring monitoring = Monitoring.start(new Monitoring.Settings(dir, "127.0.0.1", targets, rules,
                    Duration.ofSeconds(1), Optional.of("http://127.0.0.1:" + server.getAddress().getPort() + "/alerts")));
            return new AlertWatch(received, server, monitoring);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Time literals in range selectors and {@code for:} clauses, 60 times shorter: 1h → 1m, 15m → 15s. */
    static String scaled(String rules) {
        Matcher m = DURATION.matcher(rules);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            long n = Long.parseLong(m.group(2));
            String scaled = switch (m.group(3)) {
                case "d" -> n * 24 + "m";
                case "h" -> n + "m";
                case "m" -> n + "s";
                default -> Math.max(1, n / 60) + "s";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + scaled));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Runs the alerting checks when Prometheus and Alertmanager run. */
    void ifInstalled(Consumer<AlertWatch> checks) {
        if (monitoring != null) {
            checks.accept(this);
        }
    }

    /** Alertmanager has sent {@code alert} as firing at least once. */
    void awaitFired(String alert, Duration within) {
        await("alert " + alert + " firing at the webhook").atMost(within).pollInterval(Duration.ofSeconds(1))
                .until(() -> everFired(alert));
    }

    void awaitResolved(String alert, Duration within) {
        await("alert " + alert + " resolved at the webhook").atMost(within).pollInterval(Duration.ofSeconds(1))
                .until(() -> last(alert).equals("resolved"));
    }

    /** The latest status Alertmanager sent for {@code alert}, or "" if none yet. */
    String last(String alert) {
        String status = "";
        for (String[] r : received) {
            if (r[0].equals(alert)) {
                status = r[1];
            }
        }
        return status;
    }

    boolean everFired(String alert) {
        return received.stream().anyMatch(r -> r[0].equals(alert) && r[1].equals("firing"));
    }

    @Override
    public void close() {
        if (monitoring != null) {
            monitoring.close();
            receiver.stop(0);
        }
    }
}
