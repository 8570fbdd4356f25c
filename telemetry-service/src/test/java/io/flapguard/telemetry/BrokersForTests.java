package io.flapguard.telemetry;

import io.flapguard.brokers.TestBrokersResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real Kafka and MQTT brokers for every test of this module, with FlapGuard's topics created. */
@QuarkusTestResource(value = TestBrokersResource.class, restrictToAnnotatedClass = false, initArgs = {
        @ResourceArg(name = "topics", value = "fleet.telemetry.v1,fleet.telemetry.dlq.v1,fleet.diagnoses.v1,"
                + "fleet.remediation.commands.v1,fleet.remediation.results.v1,flapguard.audit.v1")})
public class BrokersForTests {
}
