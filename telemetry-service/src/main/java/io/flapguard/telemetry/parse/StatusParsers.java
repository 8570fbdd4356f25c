package io.flapguard.telemetry.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.flapguard.wire.DataState;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.Text;
import java.time.Instant;
import java.util.Locale;

/**
 * Every status format of the router contract, each filling a {@link StatusSnapshot.Builder}. The caller
 * sets id, serial, times and validates; these return the router's own time stamp when the format has one.
 */
public final class StatusParsers {
    public static final String AGENT_JSON = "agent-json";
    public static final String WEBUI_TEXT = "webui-text";
    public static final String MQTT_PUBLISHER = "mqtt-publisher";
    public static final String DATA_TO_SERVER = "data-to-server";

    private StatusParsers() {
    }

    /** The agent's status JSON ({@code {"v":1,"sent_at":...,"device":{...},"modem":{...},...}}). */
    public static Instant agentJson(String text, String serial, StatusSnapshot.Builder b) throws Rejected {
        JsonNode root = JsonPayloads.object(text);
        JsonPayloads.requireVersion(root);
        Instant sentAt = null;
        String sent = JsonPayloads.text(root, "sent_at");
        if (sent != null && (sentAt = Times.iso(sent)) == null) {
            throw new Rejected(RejectReason.INVALID_VALUE, "field 'sent_at' is not an ISO-8601 time");
        }
        JsonNode device = JsonPayloads.group(root, "device");
        requireSameSerial(serial, JsonPayloads.text(device, "serial"));
        b.routerModel(JsonPayloads.text(device, "name"))
                .productCode(JsonPayloads.text(device, "product_code"))
                .routerFirmware(JsonPayloads.text(device, "firmware"));
        String uptime = JsonPayloads.text(device, "uptime_s");
        if (uptime != null) {
            b.uptimeSeconds(Numbers.whole("uptime_s", uptime));
        }
        JsonNode modem = JsonPayloads.group(root, "modem");
        b.modemModel(JsonPayloads.text(modem, "model")).modemFirmware(JsonPayloads.text(modem, "firmware"));
        String state = JsonPayloads.text(modem, "state");
        if (state != null) {
            DataState ds = dataState(state);
            if (ds == null) {
                throw new Rejected(RejectReason.INVALID_VALUE, "modem.state '" + Text.shorten(state, 40)
                        + "' is neither connected nor disconnected");
            }
            b.dataState(ds);
        }
        JsonNode network = JsonPayloads.group(root, "network");
        b.operator(JsonPayloads.text(network, "operator"))
                .networkState(JsonPayloads.text(network, "state"))
                .networkType(JsonPayloads.text(network, "type"))
                .band(JsonPayloads.text(network, "band"));
        JsonNode signal = JsonPayloads.group(root, "signal");
        b.rssi(JsonPayloads.integer(signal, "rssi")).rsrp(JsonPayloads.integer(signal, "rsrp"))
                .rsrq(JsonPayloads.number(signal, "rsrq")).sinr(JsonPayloads.number(signal, "sinr"));
        JsonPayloads.group(root, "sim"); // accepted, not used: must still be an object
        b.format(AGENT_JSON).partial(false);
        return sentAt;
    }

    /** The WebUI status page exported as {@code Key: value} lines. */
    public static Instant webuiText(String text, String serial, StatusSnapshot.Builder b) throws Rejected {
        int known = 0;
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int colon = text.indexOf(':', start);
            if (colon > start && colon < end) {
                String key = text.substring(start, colon).trim().toLowerCase(Locale.ROOT);
                String value = text.substring(colon + 1, end).trim();
                if (!value.isEmpty() && value.length() <= 200 && webuiField(key, value, serial, b)) {
                    known++;
                }
            }
            start = end + 1;
        }
        if (known == 0) {
            throw new Rejected(RejectReason.INVALID_VALUE, "status text has no known 'Key: value' line");
        }
        b.format(WEBUI_TEXT).partial(false);
        return null;
    }

    private static boolean webuiField(String key, String v, String serial, StatusSnapshot.Builder b)
            throws Rejected {
        switch (key) {
            case "device name" -> b.routerModel(v);
            case "product code" -> b.productCode(v);
            case "serial number" -> requireSameSerial(serial, v);
            case "firmware version" -> b.routerFirmware(v);
            case "modem model" -> b.modemModel(v);
            case "modem fw version" -> b.modemFirmware(v);
            case "operator" -> b.operator(v);
            case "operator state" -> b.networkState(v);
            case "connection type" -> b.networkType(v);
            case "signal strength" -> b.rssi(Numbers.integer("Signal strength", stripUnit(v)));
            case "connected band" -> b.band(v);
            case "rsrp" -> b.rsrp(Numbers.integer("RSRP", stripUnit(v)));
            case "rsrq" -> b.rsrq(Numbers.decimal("RSRQ", stripUnit(v)));
            case "sinr" -> b.sinr(Numbers.decimal("SINR", stripUnit(v)));
            case "hardware revision", "batch number", "kernel version", "sim card slot in use", "sim card state",
                    "carrier aggregation" -> {
                // known, carried by no snapshot field
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** WebUI values may carry units: {@code -59 dBm}. */
    private static String stripUnit(String v) {
        int space = v.indexOf(' ');
        return space < 0 ? v : v.substring(0, space);
    }

    /** Teltonika MQTT Publisher: one bare value on {@code router/{serial}/{parameter}}. */
    public static Instant publisherValue(String parameter, String text, StatusSnapshot.Builder b) throws Rejected {
        String v = text.trim();
        if (v.isEmpty() || v.length() > 200) {
            throw new Rejected(RejectReason.INVALID_VALUE, "MQTT Publisher value for '" + parameter
                    + "' is empty or longer than 200 characters");
        }
        switch (parameter) {
            case "operator" -> b.operator(v);
            case "signal" -> b.rssi(Numbers.integer("signal", v));
            case "network" -> b.networkType(v);
            case "connection" -> {
                DataState ds = dataState(v);
                if (ds != null) {
                    b.dataState(ds);
                } else {
                    b.networkState(v);
                }
            }
            case "temperature" -> b.temperatureC(Numbers.decimal("temperature", v) / 10.0);
            case "uptime" -> b.uptimeSeconds(Numbers.whole("uptime", v));
            case "wan" -> b.wanIp(ipLike(v));
            default -> throw new Rejected(RejectReason.UNKNOWN_TOPIC, "unknown MQTT Publisher parameter");
        }
        b.format(MQTT_PUBLISHER).partial(true);
        return null;
    }

    /** Teltonika Data to Server JSON: GSM fields flat or under {@code "gsm"}. */
    public static Instant dataToServer(String text, String serial, StatusSnapshot.Builder b) throws Rejected {
        JsonNode root = JsonPayloads.object(text);
        JsonNode gsm = JsonPayloads.group(root, "gsm");
        JsonNode g = gsm != null ? gsm : root;
        requireSameSerial(serial, first(JsonPayloads.text(root, "serial"), JsonPayloads.text(g, "serial")));
        String conn = JsonPayloads.text(g, "connstate");
        if (conn != null) {
            b.dataState(dataState(conn));
        }
        b.networkState(JsonPayloads.text(g, "netstate"))
                .operator(JsonPayloads.text(g, "operator"))
                .networkType(JsonPayloads.text(g, "conntype"))
                .rssi(JsonPayloads.integer(g, "rssi"))
                .rsrp(JsonPayloads.integer(g, "rsrp"))
                .rsrq(JsonPayloads.number(g, "rsrq"))
                .sinr(JsonPayloads.number(g, "sinr"))
                .modemFirmware(JsonPayloads.text(g, "revision"))
                .modemModel(JsonPayloads.text(g, "model"))
                .routerFirmware(first(JsonPayloads.text(root, "fw"), JsonPayloads.text(g, "fw")));
        Double temp = first(JsonPayloads.number(root, "temp"), JsonPayloads.number(g, "temp"));
        if (temp != null) {
            b.temperatureC(temp / 10.0);
        }
        b.format(DATA_TO_SERVER).partial(true);
        return null;
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    private static void requireSameSerial(String topicSerial, String payloadSerial) throws Rejected {
        if (payloadSerial != null && !payloadSerial.equals(topicSerial)) {
            throw new Rejected(RejectReason.SERIAL_MISMATCH, "payload serial '" + Text.shorten(payloadSerial, 64)
                    + "' differs from the topic's serial");
        }
    }

    /** connected / disconnected in any case, else null. */
    static DataState dataState(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "connected" -> DataState.CONNECTED;
            case "disconnected" -> DataState.DISCONNECTED;
            default -> null;
        };
    }

    private static String ipLike(String v) throws Rejected {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.'
                    || c == ':';
            if (!ok || v.length() > 45) {
                throw new Rejected(RejectReason.INVALID_VALUE, "wan value is not an IP address");
            }
        }
        return v;
    }
}
