package io.flapguard.stack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the local stack needs to know. Ports of 0 mean "any free port"; a null external address
 * means "start the embedded broker".
 *
 * @param home            the repository checkout holding the services' packaged builds
 * @param dataDir         Kafka log, MQTT sessions, analyzer state and service logs
 * @param kafkaBootstrap  an external Kafka to use instead of the embedded one
 * @param mqttUrl         an external MQTT broker to use instead of the embedded one
 * @param serviceHeap     -Xmx of each service JVM
 * @param echoLogs        copy service output to the console
 * @param simulate        a simulated fleet to run: a scenario name or file, or a number of routers; null for none
 * @param allowedTargets  modem firmware the updater may install (comma list)
 * @param secondsPerSimulatedDay overrides the scenario's clock compression; null keeps it
 * @param extraProperties configuration passed to every service (keys are namespaced per service)
 * @param listenAddress   what every listener binds: 127.0.0.1 (the default) keeps the stack to this machine
 * @param kafkaSaslSsl    the embedded broker's only client listener is SASL_SSL (SCRAM-SHA-512 over a self-signed
 *                        certificate made in the data folder), and every service gets the matching {@code kafka.*}
 *                        security settings: how the system tests prove that every Kafka client of every service is
 *                        built from those settings (loopback only; false by default)
 */
public record StackSettings(
        Path home,
        Path dataDir,
        int kafkaPort,
        int mqttPort,
        int telemetryPort,
        int analyzerPort,
        int updaterPort,
        String kafkaBootstrap,
        String mqttUrl,
        String serviceHeap,
        Duration readyTimeout,
        boolean echoLogs,
        String simulate,
        String allowedTargets,
        Double secondsPerSimulatedDay,
        java.util.Map<String, String> extraProperties,
        String listenAddress,
        boolean kafkaSaslSsl) {
    public static final String LOOPBACK = "127.0.0.1";

    /** Settings that listen on loopback only. */
    public StackSettings(Path home, Path dataDir, int kafkaPort, int mqttPort, int telemetryPort, int analyzerPort,
            int updaterPort, String kafkaBootstrap, String mqttUrl, String serviceHeap, Duration readyTimeout,
            boolean echoLogs, String simulate, String allowedTargets, Double secondsPerSimulatedDay,
            java.util.Map<String, String> extraProperties) {
        this(home, dataDir, kafkaPort, mqttPort, telemetryPort, analyzerPort, updaterPort, kafkaBootstrap, mqttUrl,
                serviceHeap, readyTimeout, echoLogs, simulate, allowedTargets, secondsPerSimulatedDay, extraProperties,
                LOOPBACK);
    }

    /** Settings with a plaintext embedded Kafka broker. */
    public StackSettings(Path home, Path dataDir, int kafkaPort, int mqttPort, int telemetryPort, int analyzerPort,
            int updaterPort, String kafkaBootstrap, String mqttUrl, String serviceHeap, Duration readyTimeout,
            boolean echoLogs, String simulate, String allowedTargets, Double secondsPerSimulatedDay,
            java.util.Map<String, String> extraProperties, String listenAddress) {
        this(home, dataDir, kafkaPort, mqttPort, telemetryPort, analyzerPort, updaterPort, kafkaBootstrap, mqttUrl,
                serviceHeap, readyTimeout, echoLogs, simulate, allowedTargets, secondsPerSimulatedDay, extraProperties,
                listenAddress, false);
    }

    /** The same settings with a SASL_SSL-only embedded broker. */
    public StackSettings withKafkaSaslSsl() {
        return new StackSettings(home, dataDir, kafkaPort, mqttPort, telemetryPort, analyzerPort, updaterPort,
                kafkaBootstrap, mqttUrl, serviceHeap, readyTimeout, echoLogs, simulate, allowedTargets,
                secondsPerSimulatedDay, extraProperties, listenAddress, true);
    }
}
