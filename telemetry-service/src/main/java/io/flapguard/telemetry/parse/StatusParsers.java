package io.flapguard.telemetry.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.Text;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Every status format of the router contract, each filling a {@link StatusSnapshot.Builder} through a
 * {@link FieldReader}. The caller sets id, serial, times and validates. A field the router could not read is
 * dropped and listed in the {@link StatusRead}; what is not JSON at all, or names another router, is rejected.
 */
public final class StatusParsers {
    public static final String AGENT_JSON = "agent-json";
    public static final String WEBUI_TEXT = "webui-text";
    public static final String MQTT_PUBLISHER = "mqtt-publisher";
    public static final String DATA_TO_SERVER = "data-to-server";
    public static final Set<String> FORMATS = Set.of(AGENT_JSON, WEBUI_TEXT, MQTT_PUBLISHER, DATA_TO_SERVER);

    private StatusParsers() {
    }

    /** The agent's status JSON ({@code {"v":1,"sent_at":...,"device":{...},"modem":{...},...}}). */
    public static StatusRead agentJson(String text, String serial, StatusSnapshot.Builder b) throws Rejected {
        FieldReader r = new FieldReader(b, AGENT_JSON);
        JsonNode root = JsonPayloads.object(text);
        JsonPayloads.requireVersion(root);
        Instant sentAt = null;
        String sent = JsonPayloads.text(root, "sent_at");
        if (sent != null && (sentAt = Times.iso(sent)) == null) {
            throw new Rejected(RejectReason.INVALID_VALUE, "field 'sent_at' is not an ISO-8601 time");
        }
        JsonNode device = JsonPayloads.group(root, "device");
        requireSameSerial(r, serial, JsonPayloads.raw(device, "serial"));
        r.text("routerModel", JsonPayloads.raw(device, "name"), StatusSnapshot.Builder::routerModel);
        r.text("productCode", JsonPayloads.raw(device, "product_code"), StatusSnapshot.Builder::productCode);
        r.text("routerFirmware", JsonPayloads.raw(device, "firmware"), StatusSnapshot.Builder::routerFirmware);
        r.whole("uptimeSeconds", JsonPayloads.raw(device, "uptime_s"), StatusSnapshot.Builder::uptimeSeconds);
        JsonNode modem = JsonPayloads.group(root, "modem");
        r.text("modemModel", JsonPayloads.raw(modem, "model"), StatusSnapshot.Builder::modemModel);
        r.text("modemFirmware", JsonPayloads.raw(modem, "firmware"), StatusSnapshot.Builder::modemFirmware);
        r.dataState(JsonPayloads.raw(modem, "state"));
        JsonNode network = JsonPayloads.group(root, "network");
        r.text("operator", JsonPayloads.raw(network, "operator"), StatusSnapshot.Builder::operator);
        r.text("networkState", JsonPayloads.raw(network, "state"), StatusSnapshot.Builder::networkState);
        r.text("networkType", JsonPayloads.raw(network, "type"), StatusSnapshot.Builder::networkType);
        r.text("band", JsonPayloads.raw(network, "band"), StatusSnapshot.Builder::band);
        JsonNode signal = JsonPayloads.group(root, "signal");
        signal(r, JsonPayloads.raw(signal, "rssi"), JsonPayloads.raw(signal, "rsrp"), JsonPayloads.raw(signal, "rsrq"),
                JsonPayloads.raw(signal, "sinr"));
        JsonPayloads.group(root, "sim"); // accepted, not used: must still be an object
        b.partial(false);
        return r.done(sentAt);
    }

    /** The WebUI status page exported as {@code Key: value} lines. */
    public static StatusRead webuiText(String text, String serial, StatusSnapshot.Builder b) throws Rejected {
        FieldReader r = new FieldReader(b, WEBUI_TEXT);
        int known = 0;
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int colon = text.indexOf(':', start);
            if (colon > start && colon < end) {
                String key = text.substring(start, colon).trim().toLowerCase(Locale.ROOT);
                String value = text.substring(colon + 1, end).trim();
                if (value.length() <= 200 && webuiField(key, value, serial, r)) {
                    known++;
                }
            }
            start = end + 1;
        }
        if (known == 0) {
            throw new Rejected(RejectReason.INVALID_VALUE, "status text has no known 'Key: value' line");
        }
        b.partial(false);
        return r.done(null);
    }

    private static boolean webuiField(String key, String v, String serial, FieldReader r) throws Rejected {
        switch (key) {
            case "device name" -> r.text("routerModel", v, StatusSnapshot.Builder::routerModel);
            case "product code" -> r.text("productCode", v, StatusSnapshot.Builder::productCode);
            case "serial number" -> requireSameSerial(r, serial, v);
            case "firmware version" -> r.text("routerFirmware", v, StatusSnapshot.Builder::routerFirmware);
            case "modem model" -> r.text("modemModel", v, StatusSnapshot.Builder::modemModel);
            case "modem fw version" -> r.text("modemFirmware", v, StatusSnapshot.Builder::modemFirmware);
            case "operator" -> r.text("operator", v, StatusSnapshot.Builder::operator);
            case "operator state" -> r.text("networkState", v, StatusSnapshot.Builder::networkState);
            case "connection type" -> r.text("networkType", v, StatusSnapshot.Builder::networkType);
            case "signal strength" -> r.integer("rssi", stripUnit(v), StatusSnapshot.Builder::rssi);
            case "connected band" -> r.text("band", v, StatusSnapshot.Builder::band);
            case "rsrp" -> r.integer("rsrp", stripUnit(v), StatusSnapshot.Builder::rsrp);
            case "rsrq" -> r.decimal("rsrq", stripUnit(v), StatusSnapshot.Builder::rsrq);
            case "sinr" -> r.decimal("sinr", stripUnit(v), StatusSnapshot.Builder::sinr);
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

    /** WebUI values may carry units: {@code -59 dBm}. What the router could not read is kept whole. */
    private static String stripUnit(String v) {
        int space = v.indexOf(' ');
        return space < 0 || FieldReader.couldNotRead(v) ? v : v.substring(0, space);
    }

    /** Teltonika MQTT Publisher: one bare value on {@code router/{serial}/{parameter}}. */
    public static StatusRead publisherValue(String parameter, String text, StatusSnapshot.Builder b)
            throws Rejected {
        FieldReader r = new FieldReader(b, MQTT_PUBLISHER);
        String v = text.trim();
        if (v.length() > 200) {
            throw new Rejected(RejectReason.INVALID_VALUE, "MQTT Publisher value for '" + parameter
                    + "' is longer than 200 characters");
        }
        switch (parameter) {
            case "operator" -> r.text("operator", v, StatusSnapshot.Builder::operator);
            case "signal" -> r.integer("rssi", v, StatusSnapshot.Builder::rssi);
            case "network" -> r.text("networkType", v, StatusSnapshot.Builder::networkType);
            // "Data connection status" in Teltonika's MQTT Publisher parameter list
            case "connection" -> r.dataState(v);
            case "temperature" -> r.scaled("temperatureC", v, 0.1, StatusSnapshot.Builder::temperatureC);
            case "uptime" -> r.whole("uptimeSeconds", v, StatusSnapshot.Builder::uptimeSeconds);
            case "wan" -> r.ipAddress("wanIp", v, StatusSnapshot.Builder::wanIp);
            default -> throw new Rejected(RejectReason.UNKNOWN_TOPIC, "unknown MQTT Publisher parameter");
        }
        b.partial(true);
        return r.done(null);
    }

    /**
     * Teltonika Data to Server JSON: GSM fields flat or under {@code "gsm"}. {@code connstate} is the data bearer
     * (what {@code gsmctl -j} prints), {@code netstate} the network registration ({@code registered (home)}).
     */
    public static StatusRead dataToServer(String text, String serial, StatusSnapshot.Builder b) throws Rejected {
        FieldReader r = new FieldReader(b, DATA_TO_SERVER);
        JsonNode root = JsonPayloads.object(text);
        JsonNode gsm = JsonPayloads.group(root, "gsm");
        JsonNode g = gsm != null ? gsm : root;
        requireSameSerial(r, serial, first(JsonPayloads.raw(root, "serial"), JsonPayloads.raw(g, "serial")));
        r.dataState(JsonPayloads.raw(g, "connstate"));
        r.text("networkState", JsonPayloads.raw(g, "netstate"), StatusSnapshot.Builder::networkState);
        r.text("operator", JsonPayloads.raw(g, "operator"), StatusSnapshot.Builder::operator);
        r.text("networkType", JsonPayloads.raw(g, "conntype"), StatusSnapshot.Builder::networkType);
        signal(r, JsonPayloads.raw(g, "rssi"), JsonPayloads.raw(g, "rsrp"), JsonPayloads.raw(g, "rsrq"),
                JsonPayloads.raw(g, "sinr"));
        r.text("modemFirmware", JsonPayloads.raw(g, "revision"), StatusSnapshot.Builder::modemFirmware);
        r.text("modemModel", JsonPayloads.raw(g, "model"), StatusSnapshot.Builder::modemModel);
        r.text("routerFirmware", first(JsonPayloads.raw(root, "fw"), JsonPayloads.raw(g, "fw")),
                StatusSnapshot.Builder::routerFirmware);
        r.scaled("temperatureC", first(JsonPayloads.raw(root, "temp"), JsonPayloads.raw(g, "temp")), 0.1,
                StatusSnapshot.Builder::temperatureC);
        b.partial(true);
        return r.done(null);
    }

    /** The four radio figures, as the JSON formats spell them. */
    private static void signal(FieldReader r, String rssi, String rsrp, String rsrq, String sinr) {
        r.integer("rssi", rssi, StatusSnapshot.Builder::rssi);
        r.integer("rsrp", rsrp, StatusSnapshot.Builder::rsrp);
        r.decimal("rsrq", rsrq, StatusSnapshot.Builder::rsrq);
        r.decimal("sinr", sinr, StatusSnapshot.Builder::sinr);
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }

    /** A serial the router could not read is dropped like any field; any other serial must be the topic's. */
    private static void requireSameSerial(FieldReader r, String topicSerial, String payloadSerial) throws Rejected {
        if (payloadSerial == null) {
            return;
        }
        if (FieldReader.couldNotRead(payloadSerial)) {
            r.drop("serial", "could not read");
        } else if (!payloadSerial.equals(topicSerial)) {
            throw new Rejected(RejectReason.SERIAL_MISMATCH, "payload serial '" + Text.shorten(payloadSerial, 64)
                    + "' differs from the topic's serial");
        }
    }
}
