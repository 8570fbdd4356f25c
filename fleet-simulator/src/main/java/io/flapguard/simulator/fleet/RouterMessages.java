package io.flapguard.simulator.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flapguard.simulator.router.ModemState;
import io.flapguard.simulator.router.SimulatedRouter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Payloads of the router contract: the log envelope (§1) and the status JSON (§2). */
final class RouterMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RouterMessages() {
    }

    /** {@code {"v":1,"sent_at":...,"uptime_s":...,"lines":[...]}} */
    static byte[] envelope(Instant sentAt, double uptimeSeconds, List<String> lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("v", 1);
        body.put("sent_at", sentAt.truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("uptime_s", Math.round(uptimeSeconds * 1_000_000) / 1_000_000.0);
        body.put("lines", lines);
        return write(body);
    }

    static byte[] status(FleetRouter fleetRouter, Instant at, SignalSample signal, boolean dataConnected) {
        SimulatedRouter router = fleetRouter.router();
        SimulatedRouter.ModemSnapshot modem = router.modem();
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("name", fleetRouter.group().routerModel());
        device.put("product_code", fleetRouter.group().routerModel() + "00XXXX");
        device.put("hw_revision", "0201");
        device.put("batch", "0003");
        device.put("serial", router.serial());
        device.put("firmware", router.routerFirmware());
        device.put("kernel", "5.4.147");
        device.put("uptime_s", (long) fleetRouter.uptimeSeconds(at));
        Map<String, Object> modemGroup = new LinkedHashMap<>();
        modemGroup.put("model", modem.model());
        modemGroup.put("firmware", modem.firmware());
        modemGroup.put("usb_id", modem.usbId());
        modemGroup.put("state", dataConnected ? "connected" : "disconnected");
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("operator", modem.operator());
        network.put("state", modem.state() == ModemState.NORMAL ? "registered (home)" : "not registered");
        network.put("type", "4G (FDD LTE)");
        network.put("band", modem.band());
        network.put("carrier_aggregation", "Single");
        Map<String, Object> signalGroup = new LinkedHashMap<>();
        signalGroup.put("rssi", signal.rssi());
        signalGroup.put("rsrp", signal.rsrp());
        signalGroup.put("rsrq", signal.rsrq());
        signalGroup.put("sinr", signal.sinr());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("v", 1);
        body.put("sent_at", at.truncatedTo(ChronoUnit.SECONDS).toString());
        body.put("device", device);
        body.put("modem", modemGroup);
        body.put("sim", Map.of("slot", 1, "state", "inserted"));
        body.put("network", network);
        body.put("signal", signalGroup);
        return write(body);
    }

    /** One reading of the radio; values are rounded as gsmctl prints them. */
    record SignalSample(int rssi, int rsrp, double rsrq, double sinr) {
        SimulatedRouter.SignalValues asRouterValues() {
            return new SimulatedRouter.SignalValues(rssi, rsrp, (int) Math.round(rsrq), (int) Math.round(sinr));
        }
    }

    private static byte[] write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
