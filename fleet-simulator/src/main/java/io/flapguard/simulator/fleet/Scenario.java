package io.flapguard.simulator.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flapguard.simulator.router.ModemFirmwareName;
import io.flapguard.simulator.router.RouterFault;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A fleet and what happens to it, as read from a YAML or JSON file. Times of events are simulated time
 * since the fleet started; {@code secondsPerSimulatedDay} compresses the clock (240 = a day in four minutes).
 * Missing optional fields take the defaults documented on each field.
 */
public record Scenario(
        String name,
        /** Seeds every router's random generator; same seed, same fleet behaviour. Default 1. */
        Long seed,
        /** Simulated start; default: the real time when the fleet starts, plus {@link #startOffset}. */
        Instant start,
        /** Added to the real start time when {@link #start} is absent (e.g. -P20D). Default 0. */
        Duration startOffset,
        /** Real seconds one simulated day takes. Default 240. */
        Double secondsPerSimulatedDay,
        /** How long the scenario is meant to run (FleetMain stops after it). Default P2D. */
        Duration duration,
        /** Simulated time between periodic status messages per router, as the contract's agent. Default PT1M. */
        Duration statusPeriod,
        /** Simulated time a modem flash takes on every router. Default PT5M. */
        Duration flashDuration,
        Model model,
        List<Group> groups,
        List<Event> events) {

    public static final String CLASSPATH_FOLDER = "/scenarios/";
    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ROUTER_FIRMWARE = Pattern.compile("[A-Z0-9]+_[A-Z]_\\d{2}\\.\\d{2}\\.\\d{2}(\\.\\d+)?");

    public Scenario {
        name = name == null ? "unnamed" : name;
        seed = seed == null ? 1L : seed;
        startOffset = startOffset == null ? Duration.ZERO : startOffset;
        secondsPerSimulatedDay = secondsPerSimulatedDay == null ? 240.0 : secondsPerSimulatedDay;
        duration = duration == null ? Duration.ofDays(2) : duration;
        statusPeriod = statusPeriod == null ? Duration.ofMinutes(1) : statusPeriod;
        flashDuration = flashDuration == null ? Duration.ofMinutes(5) : flashDuration;
        model = model == null ? Model.DEFAULT : model;
        groups = groups == null ? List.of() : List.copyOf(groups);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** How routers misbehave; each rate is a Poisson mean per simulated day. */
    public record Model(
            /** Modem resets per day on a bad combination of router and modem firmware. Default 6. */
            Double badFirmwareDropsPerDay,
            /** Radio-caused data losses per day when the signal is poor. Default 4. */
            Double poorSignalDropsPerDay,
            /** Poor signal means RSRP below this (dBm). Default -110. */
            Double poorRsrp,
            /** ... or SINR below this (dB). Default 0. */
            Double poorSinr,
            /** Router firmware + modem firmware pairs whose modem keeps resetting. Default: RUTX_R_00.07.02.7 with EG12EAPAR01A09M4G. */
            List<BadCombination> badCombinations) {

        public static final Model DEFAULT = new Model(null, null, null, null, null);

        public Model {
            badFirmwareDropsPerDay = badFirmwareDropsPerDay == null ? 6.0 : badFirmwareDropsPerDay;
            poorSignalDropsPerDay = poorSignalDropsPerDay == null ? 4.0 : poorSignalDropsPerDay;
            poorRsrp = poorRsrp == null ? -110.0 : poorRsrp;
            poorSinr = poorSinr == null ? 0.0 : poorSinr;
            badCombinations = badCombinations == null
                    ? List.of(new BadCombination("RUTX_R_00.07.02.7", "EG12EAPAR01A09M4G"))
                    : List.copyOf(badCombinations);
        }

        public boolean isBad(String routerFirmware, String modemFirmware) {
            return badCombinations.stream().anyMatch(c -> c.routerFirmware().equals(routerFirmware)
                    && c.modemFirmware().equals(modemFirmware));
        }

        public boolean isPoor(Signal signal) {
            return signal.rsrp() < poorRsrp || signal.sinr() < poorSinr;
        }
    }

    public record BadCombination(String routerFirmware, String modemFirmware) { }

    /** Mean signal values; each status varies around them. */
    public record Signal(Double rssi, Double rsrp, Double rsrq, Double sinr) {
        public static final Signal GOOD = new Signal(null, null, null, null);

        public Signal {
            rsrp = rsrp == null ? -85.0 : rsrp;
            rssi = rssi == null ? rsrp + 26 : rssi;
            rsrq = rsrq == null ? -8.0 : rsrq;
            sinr = sinr == null ? 12.0 : sinr;
        }
    }

    /** {@code count} routers alike; serials are {@code serialPrefix} + {@code serialStart + i}, zero-padded to 10 characters. */
    public record Group(
            String name,
            Integer count,
            String serialPrefix,
            Long serialStart,
            String routerModel,
            String routerFirmware,
            String modemModel,
            String modemFirmware,
            List<String> availableFirmware,
            /** Routers take these operators in turn. */
            List<String> operators,
            String band,
            Signal signal,
            Boolean wanUp,
            List<RouterFault> faults) {

        public Group {
            count = count == null ? 1 : count;
            serialPrefix = serialPrefix == null ? "11" : serialPrefix;
            serialStart = serialStart == null ? 0L : serialStart;
            routerModel = routerModel == null ? "RUTX14" : routerModel;
            routerFirmware = routerFirmware == null ? "RUTX_R_00.07.02.5" : routerFirmware;
            modemModel = modemModel == null ? "EG12" : modemModel;
            modemFirmware = modemFirmware == null ? "EG12EAPAR01A09M4G" : modemFirmware;
            availableFirmware = availableFirmware == null ? List.of("EG12EAPAR01A14M4G", "EG12EAPAR01A12M4G")
                    : List.copyOf(availableFirmware);
            operators = operators == null || operators.isEmpty() ? List.of("o2 - de") : List.copyOf(operators);
            band = band == null ? "LTE BAND 20" : band;
            signal = signal == null ? Signal.GOOD : signal;
            wanUp = wanUp == null || wanUp;
            faults = faults == null ? List.of() : List.copyOf(faults);
        }

        public String serial(int index) {
            String number = Long.toString(serialStart + index);
            int pad = Math.max(0, 10 - serialPrefix.length() - number.length());
            return serialPrefix + "0".repeat(pad) + number;
        }
    }

    public enum EventType {
        /** Every router of {@code group} installs router firmware {@code firmware} and reboots. */
        @JsonProperty("router-firmware-upgrade") ROUTER_FIRMWARE_UPGRADE,
        /** {@code operator}'s network carries no data for {@code duration} on all its routers. */
        @JsonProperty("operator-outage") OPERATOR_OUTAGE
    }

    /** Something that happens at simulated time {@code at} after the start. */
    public record Event(Duration at, EventType type, String group, String firmware, String operator, Duration duration) { }

    public int routerCount() {
        return groups.stream().mapToInt(Group::count).sum();
    }

    /** Real time per simulated time: 86400 / secondsPerSimulatedDay simulated seconds pass per real second. */
    public double compression() {
        return 86_400.0 / secondsPerSimulatedDay;
    }

    /** The same scenario with another time compression (real seconds per simulated day). */
    public Scenario withSecondsPerSimulatedDay(double seconds) {
        Scenario copy = new Scenario(name, seed, start, startOffset, seconds, duration, statusPeriod, flashDuration,
                model, groups, events);
        copy.validate(name);
        return copy;
    }

    /** A built-in scenario by name ({@code seed-case}, {@code stuck-flash}) or a YAML/JSON file path. */
    public static Scenario load(String nameOrPath) {
        Objects.requireNonNull(nameOrPath, "scenario");
        String resource = CLASSPATH_FOLDER + nameOrPath + (nameOrPath.endsWith(".yaml") ? "" : ".yaml");
        try (InputStream in = Scenario.class.getResourceAsStream(resource)) {
            if (in != null) {
                return parse(in.readAllBytes(), nameOrPath);
            }
        } catch (IOException e) {
            throw new ScenarioException(nameOrPath + ": cannot read built-in scenario: " + e.getMessage(), e);
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new ScenarioException(nameOrPath + ": no such scenario file and no built-in scenario of that name "
                    + "(built-in: seed-case, stuck-flash)");
        }
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses YAML (JSON is YAML too) and validates; errors name {@code origin}. */
    public static Scenario parse(byte[] content, String origin) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        Scenario scenario;
        try {
            scenario = yaml.readValue(content, Scenario.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ScenarioException(origin + ": unknown field '" + e.getPropertyName() + "' at " + where(e));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException syntax) {
                throw new ScenarioException(origin + ": not valid YAML/JSON: " + firstLine(syntax.getOriginalMessage())
                        + " at " + where(e), e);
            }
            throw new ScenarioException(origin + ": " + firstLine(e.getOriginalMessage()) + " at " + where(e), e);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(origin + ": not valid YAML/JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ScenarioException(origin + ": " + e.getMessage(), e);
        }
        if (scenario == null) {
            throw new ScenarioException(origin + ": empty scenario");
        }
        scenario.validate(origin);
        return scenario;
    }

    /**
     * A mixed fleet of {@code routers}: a third on the bad A09 combination after a router upgrade, about a
     * third on A12, some A09 on older router firmware (stable), some with poor signal, a few on A14, three
     * operators and one outage.
     */
    public static Scenario generated(int routers, long seed) {
        if (routers < 1) {
            throw new ScenarioException("--simulate needs at least one router, got " + routers);
        }
        int bad = routers * 35 / 100;
        int good = routers * 35 / 100;
        int oldFirmware = routers * 15 / 100;
        int poor = routers * 10 / 100;
        int a14 = routers - bad - good - oldFirmware - poor;
        List<String> ops = List.of("o2 - de", "Telekom.de", "Vodafone.de");
        Signal poorSignal = new Signal(null, -116.0, -15.0, -3.0);
        List<Group> groups = List.of(
                group("a09-upgraded", bad, 1_000_000L, "RUTX_R_00.07.02.5", "EG12", "EG12EAPAR01A09M4G", ops, Signal.GOOD),
                group("a12-upgraded", good, 2_000_000L, "RUTX_R_00.07.02.5", "EG12", "EG12EAPAR01A12M4G", ops, Signal.GOOD),
                group("a09-old-router-fw", oldFirmware, 3_000_000L, "RUTX_R_00.07.01.4", "EG12", "EG12EAPAR01A09M4G", ops, Signal.GOOD),
                group("a09-poor-signal", poor, 4_000_000L, "RUTX_R_00.07.01.4", "EG12", "EG12EAPAR01A09M4G", ops, poorSignal),
                group("a14-upgraded", a14, 5_000_000L, "RUTX_R_00.07.02.5", "EG12", "EG12EAPAR01A14M4G", ops, Signal.GOOD))
                .stream().filter(g -> g.count() > 0).toList();
        Set<String> names = groups.stream().map(Group::name).collect(Collectors.toSet());
        List<Event> events = new java.util.ArrayList<>();
        for (String upgraded : List.of("a09-upgraded", "a12-upgraded", "a14-upgraded")) {
            if (names.contains(upgraded)) {
                events.add(new Event(Duration.ofHours(1), EventType.ROUTER_FIRMWARE_UPGRADE, upgraded, "RUTX_R_00.07.02.7", null, null));
            }
        }
        events.add(new Event(Duration.ofHours(20), EventType.OPERATOR_OUTAGE, null, null, "Vodafone.de", Duration.ofMinutes(20)));
        Scenario scenario = new Scenario("generated-" + routers, seed, null, null, null, null, Duration.ofMinutes(15),
                null, null, groups, events);
        scenario.validate("--simulate " + routers);
        return scenario;
    }

    private static Group group(String name, int count, long serialStart, String routerFw, String modemModel,
                               String modemFw, List<String> ops, Signal signal) {
        List<String> available = List.of("EG12EAPAR01A14M4G", "EG12EAPAR01A12M4G");
        return new Group(name, count, "11", serialStart, "RUTX14", routerFw, modemModel, modemFw, available,
                ops, null, signal, true, List.of());
    }

    /** Checks what Jackson cannot: counts, names, references, serial uniqueness. */
    void validate(String origin) {
        if (groups.isEmpty()) {
            fail(origin, "a scenario needs at least one group of routers");
        }
        if (secondsPerSimulatedDay <= 0) {
            fail(origin, "secondsPerSimulatedDay must be > 0");
        }
        if (statusPeriod.isZero() || statusPeriod.isNegative()) {
            fail(origin, "statusPeriod must be positive");
        }
        Set<String> groupNames = new HashSet<>();
        Set<String> serials = new HashSet<>();
        Set<String> operators = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            String at = "groups[" + i + "]" + (g.name() == null ? "" : " (" + g.name() + ")");
            if (g.name() == null || g.name().isBlank()) {
                fail(origin, at + ": name is required");
            }
            if (!groupNames.add(g.name())) {
                fail(origin, at + ": duplicate group name");
            }
            if (g.count() < 1) {
                fail(origin, at + ": count must be at least 1");
            }
            checkFirmware(origin, at + ".modemFirmware", g.modemFirmware());
            g.availableFirmware().forEach(fw -> checkFirmware(origin, at + ".availableFirmware", fw));
            if (!ROUTER_FIRMWARE.matcher(g.routerFirmware()).matches()) {
                fail(origin, at + ".routerFirmware '" + g.routerFirmware() + "' is not a RutOS version like RUTX_R_00.07.02.7");
            }
            for (int r = 0; r < g.count(); r++) {
                String serial = g.serial(r);
                if (!SERIAL.matcher(serial).matches()) {
                    fail(origin, at + ": serial '" + serial + "' does not match [A-Za-z0-9_-]{1,64}");
                }
                if (!serials.add(serial)) {
                    fail(origin, at + ": serial " + serial + " is used twice; give groups distinct serialPrefix/serialStart");
                }
            }
            operators.addAll(g.operators());
        }
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            String at = "events[" + i + "]";
            if (e.type() == null) {
                fail(origin, at + ": type is required (router-firmware-upgrade, operator-outage)");
            }
            if (e.at() == null || e.at().isNegative()) {
                fail(origin, at + ": 'at' (simulated time after start, e.g. PT2H) is required and not negative");
            }
            switch (e.type()) {
                case ROUTER_FIRMWARE_UPGRADE -> {
                    if (!groupNames.contains(e.group())) {
                        fail(origin, at + ": group '" + e.group() + "' is not defined");
                    }
                    if (e.firmware() == null || !ROUTER_FIRMWARE.matcher(e.firmware()).matches()) {
                        fail(origin, at + ": firmware '" + e.firmware() + "' is not a RutOS version like RUTX_R_00.07.02.7");
                    }
                }
                case OPERATOR_OUTAGE -> {
                    if (!operators.contains(e.operator())) {
                        fail(origin, at + ": operator '" + e.operator() + "' serves no router in this scenario");
                    }
                    if (e.duration() == null || e.duration().isZero() || e.duration().isNegative()) {
                        fail(origin, at + ": duration (e.g. PT20M) is required for an operator outage");
                    }
                }
            }
        }
    }

    private static void checkFirmware(String origin, String at, String firmware) {
        if (ModemFirmwareName.parse(firmware).isEmpty()) {
            fail(origin, at + " '" + firmware + "' is not a Quectel firmware revision like EG12EAPAR01A09M4G");
        }
    }

    private static void fail(String origin, String message) {
        throw new ScenarioException(origin + ": " + message);
    }

    private static String where(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
        String line = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
        return (path.isEmpty() ? "top level" : path) + line;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
