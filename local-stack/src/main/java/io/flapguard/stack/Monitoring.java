package io.flapguard.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's Prometheus (package {@code prometheus}) and, when installed, its Alertmanager
 * ({@code prometheus-alertmanager}), as processes scraping the running services with FlapGuard's alert rules. The
 * local stack starts them with {@code --prometheus}; the system tests start them to see alerts fire and resolve.
 */
public final class Monitoring implements AutoCloseable {
    /** Job names start with this: the rules select FlapGuard jobs by it ({@code up{job=~"(.+/)?flapguard-.+"}}). */
    public static final String JOB_PREFIX = "flapguard-";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final List<Process> processes = new ArrayList<>();
    private final String prometheusUrl;
    private final String alertmanagerUrl;

    /**
     * @param dir            config, data and logs of both processes
     * @param targets        service name (e.g. {@code analyzer-service}) → host:port of its HTTP listener
     * @param rules          the alert rules file
     * @param interval       scrape and rule-evaluation interval
     * @param webhook        where Alertmanager sends alerts (firing and resolved); empty = no receiver
     */
    public record Settings(Path dir, String listen, Map<String, String> targets, Path rules, Duration interval,
            Optional<String> webhook) {
    }

    private Monitoring(String prometheusUrl, String alertmanagerUrl) {
        this.prometheusUrl = prometheusUrl;
        this.alertmanagerUrl = alertmanagerUrl;
    }

    public static Optional<Path> prometheus() {
        return tool("prometheus");
    }

    public static Optional<Path> alertmanager() {
        return tool("prometheus-alertmanager").or(() -> tool("alertmanager"));
    }

    /** Starts Alertmanager (when installed) and Prometheus and waits until both answer. */
    public static Monitoring start(Settings settings) {
        Path prometheus = prometheus().orElseThrow(() -> new StackException(
                "Prometheus is not installed (apt install prometheus)"));
        Monitoring m = null;
        try {
            Files.createDirectories(settings.dir());
            String alertmanagerAddress = null;
            List<Process> started = new ArrayList<>();
            Optional<Path> am = alertmanager();
            if (am.isPresent()) {
                int port = io.flapguard.brokers.Ports.claim(0, "Alertmanager");
                alertmanagerAddress = settings.listen() + ":" + port;
                Path config = settings.dir().resolve("alertmanager.yml");
                Files.writeString(config, alertmanagerConfig(settings.webhook()));
                started.add(launch(settings.dir().resolve("alertmanager.log"), am.get().toString(),
                        "--config.file=" + config, "--storage.path=" + settings.dir().resolve("alertmanager-data"),
                        "--web.listen-address=" + alertmanagerAddress, "--cluster.listen-address="));
            }
            int port = io.flapguard.brokers.Ports.claim(0, "Prometheus");
            String prometheusAddress = settings.listen() + ":" + port;
            Path config = settings.dir().resolve("prometheus.yml");
            Files.writeString(config, prometheusConfig(settings, alertmanagerAddress));
            started.add(launch(settings.dir().resolve("prometheus.log"), prometheus.toString(),
                    "--config.file=" + config, "--storage.tsdb.path=" + settings.dir().resolve("prometheus-data"),
                    "--web.listen-address=" + prometheusAddress, "--storage.tsdb.retention.time=7d"));
            m = new Monitoring("http://" + prometheusAddress,
                    alertmanagerAddress == null ? null : "http://" + alertmanagerAddress);
            m.processes.addAll(started);
            m.awaitReady(Duration.ofSeconds(60));
            return m;
        } catch (IOException e) {
            if (m != null) {
                m.close();
            }
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (m != null) {
                m.close();
            }
            throw e;
        }
    }

    public String prometheusUrl() {
        return prometheusUrl;
    }

    /** Null when Alertmanager is not installed (Prometheus still evaluates the rules: see its /alerts page). */
    public String alertmanagerUrl() {
        return alertmanagerUrl;
    }

    /** Prometheus's answer to an instant query, as JSON text. */
    public String query(String promql) {
        return get(prometheusUrl + "/api/v1/query?query=" + java.net.URLEncoder.encode(promql,
                java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Prometheus's view of its alerts (pending and firing), as JSON text. */
    public String alerts() {
        return get(prometheusUrl + "/api/v1/alerts");
    }

    static String prometheusConfig(Settings s, String alertmanagerAddress) {
        StringBuilder y = new StringBuilder();
        String interval = s.interval().toMillis() + "ms";
        y.append("global:\n  scrape_interval: ").append(interval).append("\n  evaluation_interval: ").append(interval)
                .append("\nrule_files:\n  - ").append(quoted(s.rules().toAbsolutePath().toString())).append('\n');
        if (alertmanagerAddress != null) {
            y.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [")
                    .append(quoted(alertmanagerAddress)).append("]\n");
        }
        y.append("scrape_configs:\n");
        s.targets().forEach((service, address) -> y.append("  - job_name: ")
                .append(quoted(JOB_PREFIX + service.replace("-service", ""))).append("\n    metrics_path: /q/metrics\n")
                .append("    static_configs:\n      - targets: [").append(quoted(address)).append("]\n"));
        return y.toString();
    }

    static String alertmanagerConfig(Optional<String> webhook) {
        StringBuilder y = new StringBuilder("route:\n  receiver: ").append(webhook.isPresent() ? "webhook" : "none")
                .append("\n  group_by: [alertname]\n  group_wait: 1s\n  group_interval: 1s\n  repeat_interval: 1h\n")
                .append("receivers:\n  - name: none\n");
        webhook.ifPresent(url -> y.append("  - name: webhook\n    webhook_configs:\n      - url: ").append(quoted(url))
                .append("\n        send_resolved: true\n"));
        return y.toString();
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static Process launch(Path log, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<String> urls = new ArrayList<>(List.of(prometheusUrl + "/-/ready"));
        if (alertmanagerUrl != null) {
            urls.add(alertmanagerUrl + "/-/ready");
        }
        for (String url : urls) {
            while (!answers(url)) {
                if (Instant.now().isAfter(deadline) || processes.stream().anyMatch(p -> !p.isAlive())) {
                    throw new StackException(url + " did not become ready (logs in the monitoring folder)");
                }
                try {
                    Thread.sleep(200); // polling a process we started; nothing to wait on instead
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StackException("interrupted while waiting for " + url);
                }
            }
        }
    }

    private static boolean answers(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> tool(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin";
        return Stream.of(path.split(":")).filter(d -> !d.isBlank()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).findFirst();
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
