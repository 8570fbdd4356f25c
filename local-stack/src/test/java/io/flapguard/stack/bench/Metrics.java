package io.flapguard.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One scrape of a service's Prometheus endpoint ({@code /q/metrics}); sums of series by name and label text. */
final class Metrics {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    /** The scrape, or an empty one when the service does not answer (stopped, restarting). */
    static Metrics scrape(String baseUrl) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Metrics(r.statusCode() == 200 ? r.body() : "");
        } catch (IOException e) {
            return new Metrics("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Metrics("");
        }
    }

    boolean answered() {
        return !text.isEmpty();
    }

    /** Sum of every series of {@code name} whose labels contain {@code labelText} (empty: all); -1 if none. */
    double sum(String name, String labelText) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
                    && line.contains(labelText)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? sum : -1;
    }

    long heapMib() {
        double bytes = sum("jvm_memory_used_bytes", "area=\"heap\"");
        return bytes < 0 ? -1 : (long) (bytes / (1 << 20));
    }
}
