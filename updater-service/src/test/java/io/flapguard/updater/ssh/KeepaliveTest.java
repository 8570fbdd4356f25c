package io.flapguard.updater.ssh;

import static io.flapguard.updater.testing.RouterFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.simulator.router.ModemState;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.runbook.Outcome;
import io.flapguard.updater.runbook.RunListener;
import io.flapguard.updater.runbook.Runbook;
import io.flapguard.updater.runbook.RunbookSettings;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.updater.testing.SilentLink;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.updater.validate.OfflineFolders;
import io.flapguard.wire.FailureKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A router that goes silent mid-flash (no FIN, no RST) is noticed by SSH keepalives within about interval × count,
 * long before the flash deadline, and the run ends FAILED_AFTER_FLASH for a person.
 */
class KeepaliveTest {
    static final Duration FLASH_DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    @Test
    void aRouterThatGoesSilentMidFlashIsNoticedWithinTheKeepaliveBudget() throws Exception {
        RouterFixture fixture = new RouterFixture(temp);
        SimulatedRouter router = new SimulatedRouter("1500000001").updateDuration(Duration.ofSeconds(90));
        try (SimulatedRouterServer server = fixture.start(router, false); SilentLink link = new SilentLink(server.port())) {
            String line = server.knownHostsLine(server.host());   // the router's key, listed for the link's port
            Files.writeString(fixture.knownHosts, "[127.0.0.1]:" + link.port() + line.substring(line.indexOf(' ')) + "\n");
            SshConnector connector = new SshConnector(new HostKeys(Map.of(), Optional.of(fixture.knownHosts), false),
                    "root", fixture.privateKey, Duration.ofSeconds(2), new SshLimits(Duration.ofSeconds(1), 2, 100, 64 * 1024));
            RunbookSettings settings = new RunbookSettings(Duration.ofSeconds(10), Duration.ofSeconds(10),
                    Duration.ofSeconds(10), FLASH_DEADLINE, Duration.ofSeconds(3), Duration.ofMillis(200),
                    Optional.empty(), new OfflineFolders("/tmp/flapguard-fw/"), false, 1024, Map.of());
            var command = new CommandValidator(Set.of(TARGET)).validate(
                    Commands.command(router.serial(), "EG12EAPAR01A09M4G", TARGET));
            CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(() -> new Runbook(connector, settings)
                    .run(command, new SshTarget("127.0.0.1", link.port()), Runbook.Mode.UPDATE, RunListener.NONE));

            await().atMost(Duration.ofSeconds(60)).until(() -> router.modemState() == ModemState.DOWNLOAD_MODE);
            link.silence();
            Instant silent = Instant.now();
            Outcome outcome = run.get(40, TimeUnit.SECONDS);
            Duration noticed = Duration.between(silent, Instant.now());

            assertThat(noticed).as("keepalive (1 s × 2) + wait-modem (3 s) + reconnects, not the flash deadline")
                    .isLessThan(Duration.ofSeconds(30));
            assertThat(outcome.kind()).as(outcome.toString()).isEqualTo(FailureKind.FAILED_AFTER_FLASH);
            assertThat(outcome.attention()).isTrue();
            assertThat(router.flashCount()).isEqualTo(1);
            connector.close();
        }
    }
}
