package io.flapguard.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One FlapGuard service running as a child JVM from its packaged Quarkus build. Its output goes to
 * {@code logs/<name>.log} in the data folder and, prefixed with its name, to the console.
 */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int httpPort;
    private final String host;
    private final Process process;

    private ServiceProcess(String name, String host, int httpPort, Process process) {
        this.name = name;
        this.host = host;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** @param listenAddress the address it binds (quarkus.http.host); a wildcard is reached on 127.0.0.1 */
    static ServiceProcess start(String name, Path jar, String listenAddress, int httpPort, Map<String, String> properties, String heap,
            Path logFile, PrintStream console) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC");
        command.add("-Dquarkus.http.port=" + httpPort);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Files.createDirectories(logFile.getParent());
        Thread pump = new Thread(() -> pump(name, process, logFile, console), name + "-output");
        pump.setDaemon(true);
        pump.start();
        boolean wildcard = listenAddress.equals("0.0.0.0") || listenAddress.equals("::");
        return new ServiceProcess(name, wildcard ? "127.0.0.1" : listenAddress, httpPort, process);
    }

    private static void pump(String name, Process process, Path logFile, PrintStream console) {
        String prefix = String.format("%-9s| ", name.replace("-service", ""));
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                if (console != null) {
                    console.println(prefix + line);
                }
            }
        } catch (IOException e) {
            // The process ended or the log is gone; nothing left to copy.
        }
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once {@code /q/health/ready} answers UP. */
    boolean isReady() {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: the process gets no chance to clean up. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, a grace period for Quarkus to shut down in order, then SIGKILL. */
    void stop(Duration grace) {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> children = handle.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Resident memory of the process in KiB, from /proc (0 where /proc is not available). */
    long rssKib() {
        return Rss.ofPid(process.pid());
    }
}
