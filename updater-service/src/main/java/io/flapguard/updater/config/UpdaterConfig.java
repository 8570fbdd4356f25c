package io.flapguard.updater.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the updater (documented in docs/config-updater.md). */
@ConfigMapping(prefix = "flapguard.updater")
public interface UpdaterConfig {
    /** Firmware versions the updater may install; anything else is refused before connecting. */
    Optional<List<String>> allowedTargets();

    @WithDefault("flapguard.updater.jobs.v1")
    String jobsTopic();

    @WithDefault("fleet.remediation.results.v1")
    String resultsTopic();

    @WithDefault("1s")
    Duration tickInterval();

    Ssh ssh();

    CommandSigning commandSigning();

    Timeouts timeouts();

    Offline offline();

    Rollout rollout();

    Retry retry();

    Outbox outbox();

    interface Ssh {
        @WithDefault("root")
        String user();

        @WithDefault("/etc/flapguard/updater/id_ed25519")
        Path privateKey();

        Optional<Path> knownHosts();

        @WithDefault("false")
        boolean trustOnFirstUse();

        /** serial → SHA256:... host key fingerprint. */
        Map<String, String> pinnedFingerprints();

        /** Lines "serial host:port". */
        Optional<Path> hostsFile();

        /**
         * Address for routers missing from the hosts file, e.g. {@code {serial}.routers.example:22}. The default
         * "none" means only listed routers are reached: a bare serial would be read as an IPv4 address.
         */
        @WithDefault("none")
        String addressTemplate();

        @WithDefault("10s")
        Duration connectTimeout();

        /** Keepalive request to a router when the connection is otherwise idle (whole seconds). */
        @WithDefault("15s")
        Duration keepaliveInterval();

        /** Unanswered keepalives after which the connection counts as lost. */
        @WithDefault("4")
        int keepaliveCountMax();

        /** Lines of one command's output kept in memory (the last ones). */
        @WithDefault("2000")
        int outputMaxLines();

        /** Bytes of one command's output kept in memory (the last ones). */
        @WithDefault("262144")
        int outputMaxBytes();
    }

    /** Commands are run only when signed by one of these analyzer keys. */
    interface CommandSigning {
        /** key id → PEM file of the analyzer's Ed25519 public key; none configured means every command is refused. */
        Map<String, Path> publicKeys();
    }

    interface Timeouts {
        @WithDefault("30s")
        Duration command();

        @WithDefault("180s")
        Duration opkg();

        @WithDefault("300s")
        Duration upload();

        @WithDefault("20m")
        Duration flash();

        @WithDefault("5m")
        Duration waitModem();

        @WithDefault("5s")
        Duration pollInterval();
    }

    interface Offline {
        Optional<Path> firmwareStore();

        @WithDefault("/tmp/flapguard-fw/")
        String routerFolder();

        @WithDefault("false")
        boolean always();

        @WithDefault("1024")
        long spaceMarginKib();
    }

    /** Recoverable failures (offline, connection refused, timed out before the flash) are tried again. */
    interface Retry {
        /** Attempts in all, the first included; 1 turns retries off. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("1m")
        Duration initialDelay();

        @WithDefault("2")
        double multiplier();

        @WithDefault("30m")
        Duration maxDelay();

        /** Each wait is scaled by a random factor in [1 - jitter, 1 + jitter]. */
        @WithDefault("0.25")
        double jitter();

        /** No attempt starts later than this after the command's first attempt. */
        @WithDefault("12h")
        Duration maxAge();

        /** Seed of the jitter's random source (tests); none means a random seed. */
        Optional<Long> seed();
    }

    /** Re-sending results that Kafka has not acknowledged yet. */
    interface Outbox {
        @WithDefault("200ms")
        Duration minBackoff();

        @WithDefault("10s")
        Duration maxBackoff();
    }

    interface Rollout {
        @WithDefault("1")
        int canarySize();

        @WithDefault("2")
        double growthFactor();

        @WithDefault("10")
        int maxConcurrent();

        @WithDefault("0.9")
        double waveSuccessShare();

        @WithDefault("0.5")
        double failurePauseShare();

        @WithDefault("3")
        int minFinishedForPause();

        @WithDefault("45m")
        Duration updateDeadline();

        @WithDefault("false")
        boolean approvalRequired();

        @WithDefault("false")
        boolean dryRun();

        /** Daily start of the maintenance window (HH:mm); none means updates may start at any time. */
        Optional<LocalTime> windowStart();

        @WithDefault("4h")
        Duration windowLength();

        @WithDefault("UTC")
        String windowZone();
    }
}
