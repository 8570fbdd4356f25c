package io.flapguard.simulator.fleet;

import io.flapguard.simulator.router.SharedSshResources;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running simulated fleet: every router of a {@link Scenario} with its own SSH server, publishing over MQTT
 * on a compressed clock. A discrete-event loop runs each router's scheduled actions in simulated-time order;
 * with {@link Builder#manualClock()} nothing moves until {@link #advance} is called (deterministic tests).
 * <pre>
 * try (Fleet fleet = Fleet.start(Scenario.load("seed-case"), "tcp://127.0.0.1:1883", Path.of("target/fleet"))) { ... }
 * </pre>
 */
public final class Fleet implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Fleet.class.getName());
    private static final Duration MAX_IDLE = Duration.ofMillis(50);

    /** Kinds of published messages, counted separately. */
    public enum Kind { KERNEL, EVENTS, STATUS }

    private final Scenario scenario;
    private final SimulatedClock clock;
    private final String topicRoot;
    private final FleetFiles files;
    private final Object lock = new Object();
    private final PriorityQueue<Due> queue = new PriorityQueue<>();
    private final Map<String, FleetRouter> routers = new LinkedHashMap<>();
    private final Map<Kind, AtomicLong> published = Map.of(Kind.KERNEL, new AtomicLong(),
            Kind.EVENTS, new AtomicLong(), Kind.STATUS, new AtomicLong());
    /** Kafka records telemetry makes of what was published: one per status, one per log line. */
    private final AtomicLong publishedRecords = new AtomicLong();
    private final Instant simulatedStart;
    private MqttFleetPublisher publisher;
    private Thread driver;
    private volatile boolean running = true;
    private long sequence;

    private Fleet(Builder b) throws IOException {
        this.scenario = b.scenario;
        this.topicRoot = b.topicRoot;
        this.files = new FleetFiles(b.folder);
        Instant realNow = b.realClock.instant().truncatedTo(ChronoUnit.SECONDS);
        this.simulatedStart = scenario.start() != null ? scenario.start() : realNow.plus(scenario.startOffset());
        this.clock = b.manual ? SimulatedClock.manual(simulatedStart, scenario.compression())
                : SimulatedClock.compressed(b.realClock, simulatedStart, scenario.compression());
        try {
            startRouters(b);
            if (b.ssh) {
                files.writeRouters(routers());
            }
            publisher = b.passwords == null
                    ? new MqttFleetPublisher(b.mqttUrl, b.clientIdPrefix, routers.size(), b.routersPerConnection, b.maxInflight)
                    : MqttFleetPublisher.perRouter(b.mqttUrl, List.copyOf(routers.keySet()), b.passwords, b.maxInflight);
            synchronized (lock) {
                routers.values().forEach(r -> r.start(simulatedStart));
                scheduleScenarioEvents();
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        if (!b.manual) {
            driver = new Thread(this::drive, "fleet-clock");
            driver.setDaemon(true);
            driver.start();
        }
        LOG.info(() -> "fleet " + scenario.name() + ": " + routers.size() + " routers, " + publisher.connectionCount()
                + " MQTT connections, a simulated day in " + scenario.secondsPerSimulatedDay() + " s, files in " + files.folder());
    }

    /** Starts {@code scenario} on the real clock, publishing to {@code mqttUrl}, writing its files into {@code folder}. */
    public static Fleet start(Scenario scenario, String mqttUrl, Path folder) throws IOException {
        return builder(scenario, mqttUrl, folder).start();
    }

    public static Builder builder(Scenario scenario, String mqttUrl, Path folder) {
        return new Builder(scenario, mqttUrl, folder);
    }

    private void startRouters(Builder b) throws IOException {
        String clientKey = b.ssh ? files.ensureClientKey() : null;
        Duration flash = clock.realTimeFor(scenario.flashDuration());
        int index = 0;
        for (Scenario.Group group : scenario.groups()) {
            for (int i = 0; i < group.count(); i++) {
                String serial = group.serial(i);
                SimulatedRouter router = new SimulatedRouter(serial)
                        .routerFirmware(group.routerFirmware())
                        .modemModel(group.modemModel())
                        .modemFirmware(group.modemFirmware())
                        .availableFirmware(group.availableFirmware())
                        .operator(group.operators().get(i % group.operators().size()))
                        .band(group.band())
                        .wanUp(group.wanUp())
                        .updateDuration(flash);
                group.faults().forEach(router::withFault);
                FleetRouter fleetRouter = new FleetRouter(this, index, group, router, scenario.seed());
                router.addFirmwareChangeListener((r, previous, current) -> {
                    synchronized (lock) {
                        fleetRouter.modemFlashed(clock.now(), previous, current);
                    }
                });
                if (b.ssh) {
                    fleetRouter.server(SimulatedRouterServer.builder(router, files.routerState(serial))
                            .authorizedKey(clientKey)
                            .port(b.sshBasePort > 0 ? b.sshBasePort + index : 0)
                            .resources(SharedSshResources.defaults())
                            .start());
                }
                routers.put(serial, fleetRouter);
                index++;
            }
        }
    }

    private void scheduleScenarioEvents() {
        for (Scenario.Event event : scenario.events()) {
            Instant at = simulatedStart.plus(event.at());
            switch (event.type()) {
                case ROUTER_FIRMWARE_UPGRADE -> routers.values().stream()
                        .filter(r -> r.group().name().equals(event.group()))
                        // routers pick the update up over ten minutes, not all in the same second
                        .forEach(r -> at(at.plusSeconds((r.index() * 37L) % 600), t -> r.upgradeRouterFirmware(t, event.firmware())));
                case OPERATOR_OUTAGE -> routers.values().stream()
                        .filter(r -> event.operator().equals(r.router().modem().operator()))
                        .forEach(r -> {
                            at(at.plusSeconds((r.index() * 7L) % 50), r::outageBegins);
                            at(at.plus(event.duration()).plusSeconds((r.index() * 11L) % 50), r::outageEnds);
                        });
            }
        }
    }

    // ---- API ---------------------------------------------------------------------------------------------------

    public Scenario scenario() {
        return scenario;
    }

    public List<FleetRouter> routers() {
        return Collections.unmodifiableList(new ArrayList<>(routers.values()));
    }

    public FleetRouter router(String serial) {
        FleetRouter router = routers.get(serial);
        if (router == null) {
            throw new IllegalArgumentException("no router " + serial + " in scenario " + scenario.name());
        }
        return router;
    }

    /** How often each router's modem was flashed over SSH (started flashes, successful or not). */
    public Map<String, Integer> flashCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        routers.forEach((serial, r) -> counts.put(serial, r.router().flashCount()));
        return counts;
    }

    public FleetFiles files() {
        return files;
    }

    public Instant simulatedStart() {
        return simulatedStart;
    }

    public Instant simulatedNow() {
        return clock.now();
    }

    /** Whether the scenario's duration has passed on the simulated clock. */
    public boolean scenarioOver() {
        return !clock.now().isBefore(simulatedStart.plus(scenario.duration()));
    }

    public long published(Kind kind) {
        return published.get(kind).get();
    }

    /** What telemetry should put on Kafka for everything published so far: one record per status and per log line. */
    public long publishedRecords() {
        return publishedRecords.get();
    }

    public long publishedTotal() {
        return published.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Messages the broker acknowledged (QoS 1). */
    public long acknowledged() {
        return publisher.acknowledged();
    }

    /** Messages the broker refused or that could not be sent (QoS 1 publish failed). */
    public long publishFailures() {
        return publisher.failed();
    }

    public int mqttConnections() {
        return publisher.connectionCount();
    }

    /** Waits until every message published so far was acknowledged by the broker; false on timeout. */
    public boolean flush(Duration timeout) {
        return publisher.flush(timeout);
    }

    /** Only with a manual clock: runs everything due in the next {@code simulated} time, in order. */
    public void advance(Duration simulated) {
        if (!(clock instanceof SimulatedClock.Manual manual)) {
            throw new IllegalStateException("advance() needs a fleet built with manualClock()");
        }
        synchronized (lock) {
            Instant target = manual.now().plus(simulated);
            runDue(target, manual);
            manual.set(target);
        }
    }

    @Override
    public void close() {
        running = false;
        if (driver != null) {
            driver.interrupt();
            try {
                driver.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        routers.values().stream().filter(r -> r.server() != null).forEach(r -> r.server().close());
        if (publisher != null) {
            publisher.close();
        }
    }

    // ---- engine ------------------------------------------------------------------------------------------------

    Object lock() {
        return lock;
    }

    /** Schedules {@code action} at simulated time {@code at}; called with the lock held. */
    void at(Instant at, Consumer<Instant> action) {
        queue.add(new Due(at, sequence++, action));
    }

    void publish(FleetRouter router, String suffix, byte[] payload, Kind kind, int records) {
        publisher.publish(router.index(), topicRoot + "/" + router.serial() + "/" + suffix, payload);
        published.get(kind).incrementAndGet();
        publishedRecords.addAndGet(records);
    }

    private void runDue(Instant until, SimulatedClock.Manual manual) {
        while (!queue.isEmpty() && !queue.peek().at().isAfter(until)) {
            Due due = queue.poll();
            if (manual != null) {
                manual.set(due.at());
            }
            try {
                due.action().accept(due.at());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "simulated router action failed at " + due.at() + ": " + e, e);
            }
        }
    }

    private void drive() {
        while (running) {
            Duration idle;
            synchronized (lock) {
                Instant now = clock.now();
                runDue(now, null);
                Due next = queue.peek();
                idle = next == null ? MAX_IDLE : clock.realTimeFor(Duration.between(now, next.at()));
            }
            if (idle.compareTo(MAX_IDLE) > 0) {
                idle = MAX_IDLE;
            }
            LockSupport.parkNanos(Math.max(100_000L, idle.toNanos()));
        }
    }

    private record Due(Instant at, long sequence, Consumer<Instant> action) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** Options of a fleet; only scenario, broker URL and folder are required. */
    public static final class Builder {
        private final Scenario scenario;
        private final String mqttUrl;
        private final Path folder;
        private Clock realClock = Clock.systemUTC();
        private boolean manual;
        private String topicRoot = "rutx";
        private String clientIdPrefix = "flapguard-fleet-" + Long.toHexString(System.nanoTime() & 0xffffff);
        private int routersPerConnection = 250;
        private int maxInflight = 10;
        private int sshBasePort;
        private boolean ssh = true;
        private java.util.function.Function<String, String> passwords;

        private Builder(Scenario scenario, String mqttUrl, Path folder) {
            this.scenario = Objects.requireNonNull(scenario, "scenario");
            this.mqttUrl = Objects.requireNonNull(mqttUrl, "mqttUrl");
            this.folder = Objects.requireNonNull(folder, "folder");
        }

        /** The real clock the compressed simulated clock follows (and the default start). */
        public Builder realClock(Clock clock) {
            this.realClock = Objects.requireNonNull(clock);
            return this;
        }

        /** Simulated time moves only through {@link Fleet#advance}. */
        public Builder manualClock() {
            this.manual = true;
            return this;
        }

        /** First part of every topic; the contract's default is {@code rutx}. */
        public Builder topicRoot(String root) {
            this.topicRoot = Objects.requireNonNull(root);
            return this;
        }

        public Builder clientIdPrefix(String prefix) {
            this.clientIdPrefix = Objects.requireNonNull(prefix);
            return this;
        }

        public Builder routersPerConnection(int routers) {
            this.routersPerConnection = routers;
            return this;
        }

        /** Unacknowledged QoS 1 messages per connection; must not exceed the broker's receive maximum. */
        public Builder maxInflight(int messages) {
            this.maxInflight = messages;
            return this;
        }

        /**
         * Each router connects on its own as itself: username = its serial, password = {@code passwordFor(serial)}
         * (called once per router at start, e.g. to register its identity with the broker), client id
         * {@code <serial>-fleet}. Without it routers share connections and credentials-less (open brokers only).
         */
        public Builder routerPasswords(java.util.function.Function<String, String> passwordFor) {
            this.passwords = Objects.requireNonNull(passwordFor);
            return this;
        }

        /**
         * Routers without SSH servers (no host keys, no ports, no router files): they only publish, for load runs
         * of 100,000 routers where nothing flashes them. {@link FleetRouter#server()} is then null.
         */
        public Builder withoutSsh() {
            this.ssh = false;
            return this;
        }

        /** Router number i listens on {@code base + i}; 0 (default) picks free ports. */
        public Builder sshBasePort(int base) {
            this.sshBasePort = base;
            return this;
        }

        public Fleet start() throws IOException {
            try {
                return new Fleet(this);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
