package io.flapguard.telemetry.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while connected and subscribed to the MQTT broker (Kafka readiness is Quarkus's own check). */
@Readiness
@ApplicationScoped
public class MqttReadinessCheck implements HealthCheck {
    private final MqttIngest ingest;
    private final MqttSettings settings;

    public MqttReadinessCheck(MqttIngest ingest, MqttSettings settings) {
        this.ingest = ingest;
        this.settings = settings;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = !settings.enabled() || ingest.isReady();
        return HealthCheckResponse.named("mqtt-ingest").status(up)
                .withData("broker", settings.url())
                .withData("inFlight", ingest.inFlight())
                .build();
    }
}
