package io.flapguard.analyzer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Every setting of the analyzer; each one is documented in docs/config-analyzer.md. */
@ConfigMapping(prefix = "flapguard.analyzer")
public interface AnalyzerConfig {

    Topics topics();

    Incident incident();

    Penalty penalty();

    CauseRules cause();

    Attribution attribution();

    Catalog catalog();

    Remediation remediation();

    Verification verification();

    Limits limits();

    Signing signing();

    /** Whether the analyzer creates its compacted fleet-facts topic at start (off when ops manage topics). */
    @WithDefault("true")
    boolean createFactsTopic();

    /** Host name other instances and clients reach this instance at (with quarkus.http.port: application.server). */
    @WithDefault("localhost")
    String advertisedHost();

    /**
     * How often (wall clock) flapping and watched routers are re-evaluated without new telemetry, so fleet
     * facts that arrive after a router's last record still reach its diagnosis and command.
     */
    @WithDefault("PT30S")
    Duration reevaluateInterval();

    /** RocksDB stores (true) or in-memory stores (false); both are backed by changelog topics. */
    @WithDefault("true")
    boolean persistentStores();

    /** How often the flapping-routers gauge and the state-size gauges are recomputed from the local stores. */
    @WithDefault("PT30S")
    Duration gaugeRefresh();

    /** Bounds on state and series that router-reported values could otherwise grow without limit. */
    interface Limits {
        /** Distinct cohorts kept per modem model; further ones are counted together as one "unrecognised" cohort. */
        @WithDefault("200")
        int maxCohortsPerModel();
        /** Series of the flapping-routers gauge; the smallest are summed into one series labelled "other". */
        @WithDefault("300")
        int maxFlappingSeries();
        /**
         * A router silent this long (wall clock) with nothing open is forgotten from the state store; its history stays
         * on Kafka and its last cohort summary keeps counting in the fleet.
         */
        @WithDefault("P30D")
        Duration evictAfter();
    }

    interface Topics {
        @WithDefault("fleet.telemetry.v1")
        String telemetry();

        @WithDefault("fleet.remediation.results.v1")
        String results();

        @WithDefault("fleet.diagnoses.v1")
        String diagnoses();

        @WithDefault("fleet.remediation.commands.v1")
        String commands();

        /** Compacted analyzer-private topic carrying fleet-wide facts to every instance (global store). */
        @WithDefault("fleet.analyzer.facts.v1")
        String facts();

        /** Partitions of the facts topic when the analyzer creates it. */
        @WithDefault("1")
        int factsPartitions();
    }

    interface Incident {
        /** Disconnect evidence closer than this to an incident belongs to that incident. */
        @WithDefault("PT120S")
        Duration gap();

        /** Events older than this behind the router's newest event time are dropped (counted). */
        @WithDefault("PT6H")
        Duration grace();
    }

    interface Penalty {
        @WithDefault("1000")
        double perIncident();

        @WithDefault("PT12H")
        Duration halfLife();

        /** Flapping starts when the penalty reaches this (BGP: suppress limit). */
        @WithDefault("2100")
        double start();

        /** Flapping stops when the penalty falls below this (BGP: reuse limit). */
        @WithDefault("1000")
        double stop();

        /** Caps the penalty at stop * 2^(maxSuppress / halfLife) so a fixed router recovers in bounded time. */
        @WithDefault("PT24H")
        Duration maxSuppress();
    }

    interface CauseRules {
        /** Incidents newer than this (behind the router's newest event) are considered for the cause. */
        @WithDefault("PT48H")
        Duration window();

        /** Signal samples this close to an incident count as "around the incidents". */
        @WithDefault("PT30M")
        Duration signalWindow();

        @WithDefault("-110")
        double rsrpBelow();

        @WithDefault("0")
        double sinrBelow();

        @WithDefault("-20")
        double rsrqBelow();

        /** A reboot (event or uptime reset) this close to an incident explains it. */
        @WithDefault("PT5M")
        Duration rebootWindow();

        /** Share of the router's incidents that must be explained (reboots, operator bursts, poor signal). */
        @WithDefault("0.5")
        double explainedShare();

        /** Operator burst: at least this many routers of one operator with an incident in the same minutes... */
        @WithDefault("5")
        int operatorMinRouters();

        /** ...and at least this share of that operator's active routers. */
        @WithDefault("0.5")
        double operatorMinShare();

        /** "Same minutes": incidents within +/- this many minutes of each other. */
        @WithDefault("1")
        int operatorMinuteSlack();

        /**
         * An incident is classified (power, operator, radio, modem-side, data) once the router's event time has passed
         * its end by this much, so reboots, operator bursts and signal around it are known; then it counts in the fleet.
         */
        @WithDefault("PT30M")
        Duration settle();
        /**
         * A firmware cause needs at least this many settled modem-side incidents (the modem left the USB bus, good
         * signal) in the window; for a router without a kernel log, this many data drops with good signal.
         */
        @WithDefault("2")
        int minSignatureIncidents();
        /** gsmd write errors spread over at least this long, with no working modem since, mean it stopped answering. */
        @WithDefault("PT10M")
        Duration unresponsiveAfter();
        /** Per-router before/after: rate after a firmware change at least this many times the rate before. */
        @WithDefault("4")
        double changeRatio();

        /** Per-router before/after needs at least this many incidents after the change. */
        @WithDefault("3")
        int changeMinIncidents();

        /**
         * An implicated cohort carries a router below the flap threshold only when its settled modem-side incidents in
         * the window are this improbable (Poisson upper tail) at the baseline's rate of unexplained incidents per
         * router-day: modems reset now and then on any firmware, and a router on bad firmware that does not flap must
         * not be carried to a command by two chance resets.
         */
        @WithDefault("0.001")
        double carryMaxPValue();
    }

    interface Attribution {
        /**
         * A router counts in its cohort's share once it has been observed there this long (its drops, or their
         * absence, mean something by then; a flapper not yet seen flapping only makes a share smaller).
         */
        @WithDefault("PT6H")
        Duration minObserved();
        /** A cohort is implicated with at least this many flapping routers (unexplained incidents alone)... */
        @WithDefault("3")
        int minFlappers();
        /**
         * A router also counts as flapping in its cohort's share when its modem left the USB bus twice within this
         * long, neither at a reboot nor in an operator burst (kernel log only; the cohort and its baseline are counted
         * alike). Zero: only the penalty counts.
         */
        @WithDefault("PT24H")
        Duration repeatWindow();
        /** ...a baseline (other firmware of the same modem model) of at least this many observed routers... */
        @WithDefault("5")
        int minBaselineRouters();
        /** ...a flapping share at least this many times the baseline's... */
        @WithDefault("2.0")
        double minShareRatio();
        /** ...and a one-sided Fisher exact test of the two shares at or below this p-value. */
        @WithDefault("0.001")
        double maxPValue();
    }

    interface Catalog {
        /** Known bad -> good modem firmware: {@code MODEL:BAD=GOOD}, comma-separated. */
        @WithDefault("EG12:EG12EAPAR01A09M4G=EG12EAPAR01A12M4G")
        List<String> entries();

        /** Act on learned suggestions (otherwise they are only shown). */
        @WithDefault("false")
        boolean learnedEnabled();

        /** A firmware is "stable" in the fleet with at least this many router-days... */
        @WithDefault("30")
        int learnedMinRouterDays();

        /** ...and at most this many incidents per router-day. */
        @WithDefault("0.2")
        double learnedMaxRate();
    }

    interface Remediation {
        /** Commands need at least this diagnosis confidence. */
        @WithDefault("0.7")
        double minConfidence();
    }

    /** Ed25519 signing of remediation commands; the updater runs only commands signed by a key it pins. */
    interface Signing {
        /** PEM (PKCS#8) private key; absent: one warning at start and commands go out unsigned (the updater refuses them). */
        Optional<Path> privateKeyFile();

        /** Names the key to the updater (flapguard.updater.command-signing.public-keys.<key-id>). */
        @WithDefault("analyzer-1")
        String keyId();
    }

    interface Verification {
        /** How long a router is watched after its update was reported done. */
        @WithDefault("PT48H")
        Duration period();

        /**
         * Wall-clock time after the update result after which a router still being watched is judged SILENT: its
         * telemetry never covered the period (router offline, agent stopped, clock stuck).
         */
        @WithDefault("PT96H")
        Duration silentAfter();
    }
}
