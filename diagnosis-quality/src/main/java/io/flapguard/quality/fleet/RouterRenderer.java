package io.flapguard.quality.fleet;

import io.flapguard.quality.fleet.Happening.Noise;
import io.flapguard.quality.fleet.RouterHistory.Line;
import io.flapguard.quality.fleet.RouterHistory.Span;
import io.flapguard.quality.fleet.RouterHistory.Src;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Turns one router's {@link RouterHistory} into the MQTT messages it publishes and when each reaches the broker,
 * the way the agent of deploy/agent/ and Teltonika's publishers behave: logs polled every few seconds and queued in
 * RAM while the broker is unreachable (lost on power loss), status sent only when reachable (queued by some
 * agents), Data to Server records stored and sent later without a time of their own, plus late and duplicate
 * deliveries.
 */
final class RouterRenderer {
    private static final long S = 1_000;
    private static final long M = 60 * S;

    record Rendered(List<MqttMessage> messages, RouterHistory.Tally tally) {
    }

    private final RouterPlan p;
    private final RouterHistory h;
    private final List<MqttMessage> out = new ArrayList<>();
    private final Map<String, String> topics = new HashMap<>();
    private long seq;

    private RouterRenderer(RouterHistory history) {
        this.h = history;
        this.p = history.plan();
    }

    static Rendered render(RouterPlan plan) {
        RouterRenderer r = new RouterRenderer(RouterHistory.of(plan));
        if (plan.agent()) {
            r.deliverAgent();
            r.h.tally().visibleFirmwareIncidents.addAll(r.h.tally().firmwareIncidents);
        } else {
            r.deliverAgentless();
        }
        r.lateAndDuplicates();
        r.deliverNoise(); // after duplicates: each injected message must be exactly one dead letter
        r.out.sort(MqttMessage::byArrival);
        return new Rendered(List.copyOf(r.out), r.h.tally());
    }

    /** The agent's next log poll at or after {@code t}. */
    private long poll(long t) {
        long phase = Math.floorMod(p.seed(), p.logPollS() * S);
        long x = Math.max(t, h.bootOf(t) + RouterHistory.AGENT_START_AFTER_BOOT);
        long k = Math.floorDiv(x - phase + p.logPollS() * S - 1, p.logPollS() * S);
        return k * p.logPollS() * S + phase;
    }

    private static final long NOT_SENT = Long.MIN_VALUE;

    /** When a log item collected at {@code collect} leaves the router (queued while unreachable), or NOT_SENT. */
    private long sendTime(long collect) {
        if (h.off(collect)) {
            return NOT_SENT;
        }
        if (h.reachable(collect)) {
            return collect;
        }
        long f = h.nextReachable(collect);
        if (h.powerLostBetween(collect, f)) {
            return NOT_SENT; // the agent's queue lives in RAM
        }
        return poll(f);
    }

    // ---------------------------------------------------------------- delivery

    private void deliverAgent() {
        List<Line> lines = new ArrayList<>(h.lines());
        lines.sort((a, b) -> Long.compare(a.t(), b.t()));
        // kernel lines of one poll go in one envelope stamped with that poll's time and uptime
        Map<Long, List<String>> kernelByPoll = new TreeMap<>();
        for (Line l : lines) {
            if (h.off(l.t())) {
                continue;
            }
            long collect = poll(l.t());
            if (l.src() == Src.KERNEL) {
                kernelByPoll.computeIfAbsent(collect, k -> new ArrayList<>()).add(l.text());
                continue;
            }
            long send = sendTime(collect);
            if (send != NOT_SENT) {
                emit(topic("log/" + l.src().topic), l.text(), send + p.latencyMs() + (l.src() == Src.SYSLOG ? 3 : 1));
            }
        }
        for (Map.Entry<Long, List<String>> e : kernelByPoll.entrySet()) {
            long collect = e.getKey();
            long send = sendTime(collect);
            if (send == NOT_SENT) {
                continue;
            }
            String env = new Json().open().field("v", 1).field("sent_at", iso(collect))
                    .field("uptime_s", (collect - h.bootOf(collect)) / 1000.0).array("lines", e.getValue()).close()
                    .toString();
            emit(topic("log/kernel"), env, send + p.latencyMs());
        }
        List<Long> times = new ArrayList<>(h.statusTriggers());
        long phase = Math.floorMod(p.seed() * 31, p.statusEveryS() * S);
        for (long t = p.startMs() + phase; t < p.endMs(); t += p.statusEveryS() * S) {
            times.add(t);
        }
        times.sort(Long::compare);
        for (long t : times) {
            if (t >= p.endMs() || h.off(t) || t < h.bootOf(t) + RouterHistory.AGENT_START_AFTER_BOOT) {
                continue;
            }
            long arrival;
            if (h.reachable(t)) {
                arrival = t + p.latencyMs();
            } else if (p.queueStatus()) {
                long send = sendTime(poll(t));
                if (send == NOT_SENT) {
                    continue;
                }
                arrival = send + p.latencyMs() + 500; // the status queue is flushed after the log queues
            } else {
                continue; // the real agent never queues a status: the next one replaces it
            }
            emit(topic("status"), agentStatus(t), arrival);
        }
    }

    private String agentStatus(long t) {
        Span down = h.down(t);
        boolean offBus = down != null && down.offBus();
        Json j = new Json().open().field("v", 1).field("sent_at", iso(t))
                .open("device").field("name", p.routerModel()).field("product_code", p.productCode())
                .field("hw_revision", "0201").field("batch", "0003").field("serial", p.serial())
                .field("firmware", h.routerFirmwareAt(t)).field("kernel", "5.4.147")
                .field("uptime_s", (t - h.bootOf(t)) / 1000).close()
                .open("modem").field("model", p.family().model()).field("firmware", h.modemFirmwareAt(t))
                .field("usb_id", "1-1").field("state", down == null ? "connected" : "disconnected").close()
                .open("sim").field("slot", 1).field("state", "inserted").close();
        if (!offBus) {
            int[] s = h.signal(t);
            j.open("network").field("operator", p.operator()).field("state", "registered (home)")
                    .field("type", "4G (FDD LTE)").field("band", "LTE BAND " + (3 + Math.floorMod(p.seed(), 18)))
                    .field("carrier_aggregation", "Single").close()
                    .open("signal").field("rssi", s[0] + 30).field("rsrp", s[0]).field("rsrq", s[2])
                    .field("sinr", s[1]).close();
        }
        return j.close().toString();
    }

    private void deliverAgentless() {
        long period = p.reportEveryS() * S;
        long phase = Math.floorMod(p.seed() * 17, period);
        for (long t = p.startMs() + phase; t < p.endMs(); t += period) {
            if (h.off(t)) {
                continue;
            }
            Span down = h.down(t);
            boolean reachable = h.reachable(t);
            Span flap = h.firmwareDown(t);
            if (flap != null) { // this record (and the MQTT Publisher value, if sent) shows the flap
                h.tally().visibleFirmwareIncidents.add(flap.from());
            }
            // Data to Server stores its records while offline and sends them later (they carry no time)
            long send = reachable ? t : h.nextReachable(t) + Math.floorMod(RouterHistory.mix(p.seed(), t), period);
            emit(topics.computeIfAbsent("dts", l -> "teltonika/" + p.serial() + "/telemetry"), dataToServer(t, down), send + p.latencyMs());
            if (p.publisherToo() && reachable) {
                int[] s = h.signal(t);
                emit(publisherTopic("connection"), down == null ? "connected" : "disconnected", t + p.latencyMs() + 5);
                if (down == null || !down.offBus()) {
                    emit(publisherTopic("signal"), Integer.toString(s[0] + 30), t + p.latencyMs() + 6);
                }
                if (Math.floorMod(t / period, 4) == 0) { // slow-changing values less often
                    emit(publisherTopic("operator"), p.operator(), t + p.latencyMs() + 7);
                    emit(publisherTopic("uptime"), Long.toString((t - h.bootOf(t)) / 1000), t + p.latencyMs() + 8);
                }
            }
        }
    }

    private String dataToServer(long t, Span down) {
        boolean offBus = down != null && down.offBus();
        Json j = new Json().open();
        if (p.dtsNested()) {
            j.field("serial", p.serial()).field("fw", h.routerFirmwareAt(t)).open("gsm");
        }
        j.field("connstate", down == null ? "connected" : "disconnected");
        if (!offBus) {
            int[] s = h.signal(t);
            j.field("netstate", "registered").field("operator", p.operator()).field("conntype", "4G (LTE)")
                    .field("rssi", s[0] + 30).field("rsrp", s[0]).field("rsrq", s[2]).field("sinr", s[1])
                    .field("revision", h.modemFirmwareAt(t)).field("model", p.family().model());
        }
        if (p.dtsNested()) {
            j.close();
        } else {
            j.field("fw", h.routerFirmwareAt(t)).field("serial", p.serial());
        }
        return j.field("temp", 380 + Math.floorMod(t / M, 60)).close().toString();
    }

    private void deliverNoise() {
        for (Noise n : h.noise()) {
            if (!h.reachable(n.at())) {
                continue;
            }
            h.tally().noiseSent++;
            long at = n.at() + p.latencyMs();
            switch (n.kind()) {
                case SPOOFED_SERIAL -> emit(topic("status"), new Json().open().field("v", 1).field("sent_at", iso(n.at()))
                        .open("device").field("serial", "9" + p.serial().substring(1)).close().close().toString(), at);
                case NOT_UTF8 -> emit(topic("log/events"), new byte[] {'2', '0', (byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                        at);
                case MALFORMED_JSON -> emit(topic("status"), "{\"v\":1,\"device\":{\"name\":\"" + p.routerModel(), at);
                case UNKNOWN_TOPIC -> emit(topic("log/debug"), "debug: modem manager restarted", at);
            }
        }
    }

    private void lateAndDuplicates() {
        SplittableRandom r = h.rng(-2);
        List<MqttMessage> copies = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            MqttMessage m = out.get(i);
            if (r.nextDouble() < p.lateShare()) {
                m = new MqttMessage(m.serial(), m.topic(), m.payload(), m.arrivalMs() + (1 + r.nextInt(30)) * M, m.seq());
                out.set(i, m);
            }
            if (r.nextDouble() < p.duplicateShare()) {
                copies.add(new MqttMessage(m.serial(), m.topic(), m.payload(), m.arrivalMs() + (1 + r.nextInt(120)) * S,
                        seq++));
            }
        }
        out.addAll(copies);
    }

    private String publisherTopic(String parameter) {
        return topics.computeIfAbsent("publisher/" + parameter, l -> "router/" + p.serial() + "/" + parameter);
    }

    /** One String per topic of this router: a fleet holds a million messages. */
    private String topic(String leaf) {
        return topics.computeIfAbsent(leaf, l -> "rutx/" + p.serial() + "/" + l);
    }

    private void emit(String topic, String payload, long arrival) {
        emit(topic, payload.getBytes(StandardCharsets.UTF_8), arrival);
    }

    private void emit(String topic, byte[] payload, long arrival) {
        out.add(new MqttMessage(p.serial(), topic, payload, arrival, seq++));
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }
}

