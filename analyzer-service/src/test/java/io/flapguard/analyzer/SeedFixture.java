package io.flapguard.analyzer;

import io.flapguard.wire.EventKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.StableId;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.WireMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real forum-rutx14 fixture lines (copied from shared/fixtures into test resources), turned into
 * normalised telemetry and templated over serials and times: each "episode" replays one fixture file's lines
 * with their original spacing, shifted to a chosen start.
 */
public final class SeedFixture {
    /** One fixture line: offset from the episode's first line, what it means, the raw text. */
    public record Line(long offsetMs, EventKind kind, LogSource source, String text) {
    }

    private static final Pattern DMESG_LINE = Pattern.compile("\\[\\s*(\\d+)\\.(\\d+)] (.*)");
    private static final DateTimeFormatter WEBUI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static final List<Line> DMESG = dmesg(read("dmesg-usb-reenumeration.txt"));
    public static final List<Line> EVENTS_2022_10_05 = webui(read("webui-events-2022-10-05.txt"));
    public static final List<Line> EVENTS_2022_12_21 = webui(read("webui-events-2022-12-21.txt"));
    public static final Map<String, String> STATUS = status(read("webui-status-rutx14.txt"));
    /** The episodes a flapping router cycles through. */
    public static final List<List<Line>> EPISODES = List.of(DMESG, EVENTS_2022_10_05, EVENTS_2022_12_21);


    private SeedFixture() {
    }

    /** Telemetry for one episode of fixture lines, the first line at {@code start}. */
    public static List<TelemetryMessage> episode(String serial, List<Line> lines, Instant start) {
        List<TelemetryMessage> out = new ArrayList<>();
        for (Line l : lines) {
            out.add(event(serial, l.kind(), l.source(), start.plusMillis(l.offsetMs()), l.text()));
        }
        return out;
    }

    public static RouterEvent event(String serial, EventKind kind, LogSource source, Instant time, String text) {
        return new RouterEvent(WireMessage.SCHEMA_VERSION, "evt-" + StableId.of(serial, source.name(), text,
                time.toString()), serial, source, kind, time, time, false, "internal", null, null, null, null, text);
    }

    /** The fixture's status page for a router, with firmware, operator and signal templated. */
    public static StatusSnapshot status(String serial, Instant time, String routerFw, String modemFw, String operator,
            Integer rsrp, Double sinr, Long uptime) {
        return StatusSnapshot.builder().id("st-" + StableId.of(serial, time.toString())).serial(serial).time(time)
                .receivedAt(time).format("webui-text").routerModel(STATUS.get("Device name"))
                .productCode(STATUS.get("Product code")).routerFirmware(routerFw)
                .modemModel(STATUS.get("Modem Model")).modemFirmware(modemFw).operator(operator)
                .rsrp(rsrp).rsrq(Double.parseDouble(STATUS.get("RSRQ"))).sinr(sinr).uptimeSeconds(uptime).build();
    }

    /** Fixture status as is, with the given firmware and time (RSRP -85, SINR 12.3: good signal). */
    public static StatusSnapshot goodStatus(String serial, Instant time, String routerFw, String modemFw, String op) {
        return status(serial, time, routerFw, modemFw, op, Integer.parseInt(STATUS.get("RSRP")),
                Double.parseDouble(STATUS.get("SINR")), null);
    }

    private static List<Line> dmesg(List<String> raw) {
        List<Line> lines = new ArrayList<>();
        long first = -1;
        for (String s : raw) {
            Matcher m = DMESG_LINE.matcher(s);
            if (!m.matches()) {
                continue;
            }
            long micros = Long.parseLong(m.group(1)) * 1_000_000 + Long.parseLong(m.group(2));
            first = first < 0 ? micros : first;
            String text = m.group(3);
            EventKind kind = text.contains("USB disconnect") ? EventKind.MODEM_USB_DISCONNECT
                    : text.contains("unregister 'qmi_wwan'") ? EventKind.WWAN_UNREGISTERED
                    : text.contains("new high-speed USB device") ? EventKind.MODEM_USB_ATTACH
                    : text.contains("register 'qmi_wwan'") ? EventKind.WWAN_REGISTERED : EventKind.UNCLASSIFIED;
            lines.add(new Line((micros - first) / 1000, kind, LogSource.KERNEL, s));
        }
        return lines;
    }

    private static List<Line> webui(List<String> raw) {
        List<Line> lines = new ArrayList<>();
        LocalDateTime first = null;
        List<String> oldestFirst = new ArrayList<>(raw);
        java.util.Collections.reverse(oldestFirst); // the WebUI lists newest first
        for (String s : oldestFirst) {
            if (s.isBlank()) {
                continue;
            }
            LocalDateTime t = LocalDateTime.parse(s.substring(0, 19), WEBUI_TIME);
            first = first == null ? t : first;
            EventKind kind = s.contains("Mobile data disconnected") ? EventKind.MOBILE_DATA_DISCONNECTED
                    : s.contains("Mobile data connected") ? EventKind.MOBILE_DATA_CONNECTED
                    : s.contains("Joined") ? EventKind.NETWORK_JOINED
                    : s.contains("Connected to") ? EventKind.OPERATOR_CONNECTED : EventKind.UNCLASSIFIED;
            lines.add(new Line(Duration.between(first.toInstant(ZoneOffset.UTC), t.toInstant(ZoneOffset.UTC))
                    .toMillis(), kind, LogSource.EVENTS, s.strip()));
        }
        return lines;
    }

    private static Map<String, String> status(List<String> raw) {
        Map<String, String> fields = new HashMap<>();
        for (String s : raw) {
            int colon = s.indexOf(':');
            if (colon > 0) {
                fields.put(s.substring(0, colon).trim(), s.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    private static List<String> read(String name) {
        try (InputStream in = SeedFixture.class.getResourceAsStream("/fixtures/forum-rutx14/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
