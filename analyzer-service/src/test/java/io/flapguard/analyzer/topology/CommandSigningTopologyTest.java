package io.flapguard.analyzer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.TestConfig;
import io.flapguard.wire.CommandSignature;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.SigningKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyzer signs every command it publishes with its configured key; without a key they go out unsigned. */
class CommandSigningTopologyTest {
    @TempDir
    Path temp;

    @Test
    void everyPublishedCommandIsSignedAndVerifiesWithThePublicKey() {
        Path priv = temp.resolve("analyzer.pem");
        Path pub = temp.resolve("analyzer.pub.pem");
        SigningKeys.ensurePair(priv, pub);
        List<String> flapping = new ArrayList<>();
        var fleet = SeedScenarioTest.seedFleet(flapping, new ArrayList<>());
        try (TopologyHarness h = new TopologyHarness(TestConfig.with(Map.of(
                "signing.private-key-file", priv.toString(), "signing.key-id", "site-a")))) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.commandLog).hasSize(flapping.size());
            for (RemediationCommand c : h.commandLog) {
                assertThat(c.keyId()).isEqualTo("site-a");
                assertThat(CommandSignature.verify(c, Map.of("site-a", SigningKeys.readPublic(pub)))).isEmpty();
            }
        }
    }

    @Test
    void withoutAKeyCommandsAreUnsigned() {
        var fleet = SeedScenarioTest.seedFleet(new ArrayList<>(), new ArrayList<>());
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.sendInTimeOrder(fleet.messages);
            assertThat(h.commandLog).isNotEmpty().allSatisfy(c -> assertThat(c.signature()).isNull());
        }
    }
}
