package io.flapguard.telemetry.parse;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Random and hostile MQTT topics and payloads, reproducible from a seed. */
public final class HostileInputs {
    private static final String[] VALID_TOPICS = {"rutx/%s/log/kernel", "rutx/%s/log/syslog", "rutx/%s/log/events",
        "rutx/%s/status", "router/%s/signal", "router/%s/temperature", "router/%s/operator", "router/%s/bogus",
        "teltonika/%s/telemetry", "rutx/%s!bad/status", "rutx/%s/log/bogus", "rutx/%s" + "x".repeat(70) + "/status",
        "rutx/%s/log/kernel"};

    private static final String[] SEEDS = {
        "[422506.592997] usb 1-1: USB disconnect, device number 5",
        "[422514.120711] usb 1-1: new high-speed USB device number 6 using xhci-hcd",
        "[  0.0] qmi_wwan 1-1:1.4 wwan0: register 'qmi_wwan' at",
        "Wed Oct  5 12:14:28 2022 daemon.notice netifd: Interface 'mob1s1a1' has lost the connection",
        "Wed Oct  5 12:14:28 2022 kern.info kernel: [1.0] usb 1-1: USB disconnect, device number 99999999999",
        "2022-10-05 12:14:28  Mobile Data  Mobile data disconnected (internal modem)",
        "2022-10-05 12:14:28\tFirmware\tUpdated internal modem firmware from A to B",
        "2022-02-30 25:61:61  Firmware  Updated  modem firmware from  to ",
        "{\"v\":1,\"sent_at\":\"2022-10-05T12:14:50Z\",\"uptime_s\":422540.1,\"lines\":[\"[1.5] usb 1-1: USB disconnect, device number 5\"]}",
        "{\"v\":1,\"sent_at\":\"+999999999-12-31T23:59:59Z\",\"uptime_s\":1e300,\"lines\":[\"[99999999999.999999] x\"]}",
        "{\"v\":1,\"device\":{\"serial\":null,\"uptime_s\":-1},\"signal\":{\"rssi\":\"-59\",\"sinr\":1e999}}",
        "{\"v\":1.5}", "{\"v\":\"1\"}", "{\"v\":1,\"modem\":[]}", "{\"gsm\":{\"rssi\":{\"a\":1}}}",
        "{\"connstate\":\"maybe\",\"temp\":\"hot\"}", "Device name: RUTX14\nSignal strength: -59 dBm\nRSRQ: NaN",
        "-9223372036854775809", "1e308", "", "\u0000\u0001\u0002", "Updated internal modem firmware from", "[", "]"};

    private HostileInputs() {
    }

    /** A topic that MQTT allows (no wildcards) and our subscriptions cover, with {@code marker} as its serial. */
    public static String topic(Random rnd, String marker) {
        return String.format(VALID_TOPICS[rnd.nextInt(VALID_TOPICS.length)], marker);
    }

    public static byte[] payload(Random rnd) {
        return switch (rnd.nextInt(10)) {
            case 0 -> randomBytes(rnd, rnd.nextInt(300));
            case 1 -> randomText(rnd, rnd.nextInt(300)).getBytes(StandardCharsets.UTF_8);
            case 2 -> mutate(rnd, SEEDS[rnd.nextInt(SEEDS.length)]).getBytes(StandardCharsets.UTF_8);
            case 3 -> huge(rnd);
            case 4 -> ("[" .repeat(rnd.nextInt(5000)) + "{\"v\":1").getBytes(StandardCharsets.UTF_8);
            default -> SEEDS[rnd.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] huge(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> new byte[64 * 1024 + 1 + rnd.nextInt(100)];
            case 1 -> "l\n".repeat(1000 + rnd.nextInt(50)).getBytes(StandardCharsets.UTF_8);
            default -> ("x".repeat(4096 + rnd.nextInt(100)) + "\nok").getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static String randomText(Random rnd, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            sb.appendCodePoint(kind < 6 ? 32 + rnd.nextInt(95) : kind < 8 ? "\n\t\r []{}:\"\\,".charAt(rnd.nextInt(12))
                    : kind < 9 ? 0x80 + rnd.nextInt(0xD000) : 0x1F600 + rnd.nextInt(80));
        }
        return sb.toString();
    }

    private static String mutate(Random rnd, String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(4);
        for (int i = 0; i < edits && sb.length() > 0; i++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(3)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, randomText(rnd, 1 + rnd.nextInt(3)));
                default -> sb.setCharAt(at, (char) (32 + rnd.nextInt(95)));
            }
        }
        return sb.toString();
    }
}
