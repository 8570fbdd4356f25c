package io.flapguard.brokers.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flapguard.brokers.auth.TopicPolicy.Activity;
import io.flapguard.brokers.auth.TopicPolicy.Grant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicPolicyTest {
    static final MqttIdentity ROUTER = new MqttIdentity("1117759414", MqttRole.ROUTER, PasswordHash.of("x".toCharArray(), 1));
    static final MqttIdentity TELEMETRY = new MqttIdentity("flapguard-telemetry", MqttRole.TELEMETRY,
            PasswordHash.of("x".toCharArray(), 1));

    @Test
    void aRouterPublishesBelowItsOwnSerialUnderEachRootAndTelemetrySubscribes() {
        TopicPolicy p = new TopicPolicy(List.of("fleet/rutx", "router", "teltonika"));
        assertThat(p.grants(ROUTER)).containsExactly(new Grant("fleet/rutx/1117759414/#", Activity.PUBLISH),
                new Grant("router/1117759414/#", Activity.PUBLISH), new Grant("teltonika/1117759414/#", Activity.PUBLISH));
        assertThat(p.grants(TELEMETRY)).containsExactly(new Grant("fleet/rutx/#", Activity.SUBSCRIBE),
                new Grant("router/#", Activity.SUBSCRIBE), new Grant("teltonika/#", Activity.SUBSCRIBE));
    }

    @Test
    void rootsWithWildcardsAreRefused() {
        for (String bad : new String[] {"#", "rutx/+", "", "/rutx", "rutx/"}) {
            assertThatThrownBy(() -> new TopicPolicy(List.of(bad))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRouterClientIdCarriesItsSerialAndNeverAServicePrefix() {
        TopicPolicy p = TopicPolicy.defaults();
        assertThat(p.clientIdAllowed(ROUTER, "1117759414")).isTrue();
        assertThat(p.clientIdAllowed(ROUTER, "1117759414-data-to-server")).isTrue();
        assertThat(p.clientIdAllowed(ROUTER, "fg-1117759414-4711")).isTrue();
        assertThat(p.clientIdAllowed(ROUTER, "1117759415")).isFalse();
        assertThat(p.clientIdAllowed(ROUTER, "11177594141")).isFalse();
        assertThat(p.clientIdAllowed(ROUTER, "flapguard-telemetry-local")).isFalse();
        assertThat(p.clientIdAllowed(TELEMETRY, "flapguard-telemetry-local")).isTrue();
    }
}
