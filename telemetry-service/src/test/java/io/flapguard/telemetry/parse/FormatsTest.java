package io.flapguard.telemetry.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.wire.DataState;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.StatusSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The formats of the router contract beyond the fixtures, and the clock-fault rules. */
class FormatsTest {
    static final String SERIAL = "1117759414";
    static final Instant RECEIVED = Instant.parse("2022-10-05T12:15:00Z");
    static final MessageTranslator LIVE = new MessageTranslator(TopicParser.defaults(), ClockPolicy.defaults());
    static final LogPayload PLAIN = new LogPayload(List.of(), null, -1);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Wed Oct  5 12:14:28 2022 daemon.notice netifd: Interface 'mob1s1a1' has lost the connection|MOBILE_DATA_DISCONNECTED|mob1s1a1|2022-10-05T12:14:28Z",
        "Wed Oct  5 12:14:43 2022 daemon.notice netifd: Interface 'mob1s1a1' is now up|MOBILE_DATA_CONNECTED|mob1s1a1|2022-10-05T12:14:43Z",
        "Wed Oct  5 12:14:16 2022 kern.info kernel: [422506.592997] usb 1-1: USB disconnect, device number 5|MODEM_USB_DISCONNECT|usb 1-1|2022-10-05T12:14:16Z",
        "Wed Oct 12 00:00:01 2022 kern.notice kernel: [    0.000000] Linux version 5.4.147 (build@rutos)|ROUTER_REBOOT||2022-10-12T00:00:01Z",
        "Wed Oct  5 12:14:43 2022 user.info mobifd[1234]: Mobile data connected (internal modem)|MOBILE_DATA_CONNECTED||2022-10-05T12:14:43Z",
        "Wed Oct  5 12:14:43 2022 daemon.info dnsmasq[2001]: read /etc/hosts - 4 addresses|UNCLASSIFIED||2022-10-05T12:14:43Z",
    })
    void syslogLines(String line, EventKind kind, String detail, String time) {
        RouterEvent e = LIVE.event(SERIAL, LogSource.SYSLOG, line, PLAIN, RECEIVED);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.detail()).isEqualTo(detail);
        // the last line is 7 days old: within the 30-day bound
        assertThat(e.time()).isEqualTo(Instant.parse(time).isAfter(RECEIVED.plusSeconds(3600)) ? RECEIVED
                : Instant.parse(time));
    }

    @Test
    void eventsLinesWithTabsFirmwareUpdateAndOtherModems() {
        RouterEvent fw = LIVE.event(SERIAL, LogSource.EVENTS,
                "2022-10-05 12:10:00\tFirmware\tUpdated internal modem firmware from EG12EAPAR01A09M4G to EG12EAPAR01A12M4G  ",
                PLAIN, RECEIVED);
        assertThat(fw.kind()).isEqualTo(EventKind.MODEM_FIRMWARE_UPDATED);
        assertThat(fw.modem()).isEqualTo("internal");
        assertThat(fw.fromFirmware()).isEqualTo("EG12EAPAR01A09M4G");
        assertThat(fw.toFirmware()).isEqualTo("EG12EAPAR01A12M4G");
        assertThat(fw.time()).isEqualTo(Instant.parse("2022-10-05T12:10:00Z"));

        RouterEvent secondary = LIVE.event(SERIAL, LogSource.EVENTS,
                "2022-10-05 12:10:00  Mobile Data  Mobile data connected (secondary modem)", PLAIN, RECEIVED);
        assertThat(secondary.kind()).isEqualTo(EventKind.MOBILE_DATA_CONNECTED);
        assertThat(secondary.modem()).isEqualTo("secondary");

        RouterEvent oneSpace = LIVE.event(SERIAL, LogSource.EVENTS,
                "2022-10-05 12:10:00 Mobile Data Mobile data connected (internal modem)", PLAIN, RECEIVED);
        assertThat(oneSpace.kind()).as("one space is not a column separator").isEqualTo(EventKind.UNCLASSIFIED);
        assertThat(oneSpace.time()).isEqualTo(Instant.parse("2022-10-05T12:10:00Z"));

        RouterEvent noTime = LIVE.event(SERIAL, LogSource.EVENTS, "garbage", PLAIN, RECEIVED);
        assertThat(noTime.kind()).isEqualTo(EventKind.UNCLASSIFIED);
        assertThat(noTime.time()).as("unplaced lines take the receive time").isEqualTo(RECEIVED);
        assertThat(noTime.clockFault()).isTrue();
    }

    @Test
    void clockFaultsArePlacedAtReceiptAndFlaggedUnlessBackfilling() {
        String old = "2022-08-01 00:00:00  Mobile Data  Mobile data disconnected (internal modem)";
        String ahead = "2022-10-05 13:15:01  Mobile Data  Mobile data disconnected (internal modem)";
        String justInside = "2022-10-05 13:15:00  Mobile Data  Mobile data disconnected (internal modem)";
        for (String line : List.of(old, ahead)) {
            RouterEvent e = LIVE.event(SERIAL, LogSource.EVENTS, line, PLAIN, RECEIVED);
            assertThat(e.clockFault()).as(line).isTrue();
            assertThat(e.time()).isEqualTo(RECEIVED);
            assertThat(e.kind()).isEqualTo(EventKind.MOBILE_DATA_DISCONNECTED);
        }
        assertThat(LIVE.event(SERIAL, LogSource.EVENTS, justInside, PLAIN, RECEIVED).clockFault()).isFalse();
        MessageTranslator backfill = new MessageTranslator(TopicParser.defaults(), ClockPolicy.backfillMode());
        RouterEvent kept = backfill.event(SERIAL, LogSource.EVENTS, old, PLAIN, RECEIVED);
        assertThat(kept.clockFault()).isFalse();
        assertThat(kept.time()).isEqualTo(Instant.parse("2022-08-01T00:00:00Z"));
        MessageTranslator tight = new MessageTranslator(TopicParser.defaults(),
                new ClockPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), false));
        assertThat(tight.event(SERIAL, LogSource.EVENTS, justInside, PLAIN, RECEIVED).clockFault()).isTrue();
        // the id does not depend on when the line was received
        assertThat(LIVE.event(SERIAL, LogSource.EVENTS, old, PLAIN, RECEIVED.plusSeconds(5)).id())
                .isEqualTo(LIVE.event(SERIAL, LogSource.EVENTS, old, PLAIN, RECEIVED).id());
    }

    static final String STATUS_JSON = """
            {"v":1, "sent_at":"2022-10-05T12:14:00Z",
             "device": {"name":"RUTX14", "product_code":"RUTX1400XXXX", "hw_revision":"0201", "batch":"0003",
                        "serial":"1117759414", "firmware":"RUTX_R_00.07.02.8", "kernel":"5.4.147", "uptime_s":422540},
             "modem":  {"model":"EG12", "firmware":"EG12EAPAR01A09M4G", "usb_id":"1-1", "state":"connected"},
             "sim":    {"slot":1, "state":"inserted"},
             "network":{"operator":"o2 - de", "state":"registered (home)", "type":"4G (FDD LTE); VoLTE",
                        "band":"LTE BAND 20", "carrier_aggregation":"Single"},
             "signal": {"rssi":-59, "rsrp":-85, "rsrq":-8.0, "sinr":12.3}, "extra": {"ignored": true}}
            """;

    @Test
    void agentStatusJson() {
        StatusSnapshot s = status("rutx/" + SERIAL + "/status", STATUS_JSON);
        assertThat(s.format()).isEqualTo("agent-json");
        assertThat(s.time()).isEqualTo(Instant.parse("2022-10-05T12:14:00Z"));
        assertThat(s.cohort().routerModel()).isEqualTo("RUTX14");
        assertThat(s.cohort().routerFirmware()).isEqualTo("RUTX_R_00.07.02.8");
        assertThat(s.cohort().modemModel()).isEqualTo("EG12");
        assertThat(s.cohort().modemFirmware()).isEqualTo("EG12EAPAR01A09M4G");
        assertThat(s.dataState()).isEqualTo(DataState.CONNECTED);
        assertThat(s.uptimeSeconds()).isEqualTo(422540L);
        assertThat(s.band()).isEqualTo("LTE BAND 20");
        assertThat(s.rsrq()).isEqualTo(-8.0);
        assertThat(s.partial()).isFalse();
        StatusSnapshot minimal = status("rutx/" + SERIAL + "/status", "{\"v\":1}");
        assertThat(minimal.time()).isEqualTo(RECEIVED);
        assertThat(minimal.routerModel()).isNull();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "operator|DNA|operator|DNA",
        "signal|-71|rssi|-71",
        "network|4G|networkType|4G",
        "connection|disconnected|dataState|disconnected",
        "temperature|415|temperatureC|41.5",
        "uptime|422540|uptimeSeconds|422540",
        "wan|10.64.12.3|wanIp|10.64.12.3",
    })
    void mqttPublisherBareValues(String parameter, String value, String field, String expected) throws Exception {
        StatusSnapshot s = status("router/" + SERIAL + "/" + parameter, value + "\n");
        assertThat(s.partial()).isTrue();
        assertThat(s.format()).isEqualTo("mqtt-publisher");
        Object actual = StatusSnapshot.class.getMethod(field).invoke(s);
        assertThat(String.valueOf(actual instanceof DataState d ? d.wireName() : actual)).isEqualTo(expected);
    }

    @Test
    void dataToServerFlatAndUnderGsm() {
        String flat = "{\"connstate\":\"Connected\",\"netstate\":\"registered (home)\",\"operator\":\"Telia\","
                + "\"conntype\":\"LTE\",\"rssi\":\"-67\",\"rsrp\":-95,\"rsrq\":\"-11\",\"sinr\":7.5,"
                + "\"revision\":\"EG12EAPAR01A12M4G\",\"model\":\"EG12\",\"fw\":\"RUTX_R_00.07.04.1\","
                + "\"serial\":\"" + SERIAL + "\",\"temp\":402}";
        String nested = "{\"serial\":\"" + SERIAL + "\",\"fw\":\"RUTX_R_00.07.04.1\",\"temp\":402,\"gsm\":"
                + "{\"connstate\":\"connected\",\"netstate\":\"registered (home)\",\"operator\":\"Telia\","
                + "\"conntype\":\"LTE\",\"rssi\":-67,\"rsrp\":-95,\"rsrq\":-11,\"sinr\":7.5,"
                + "\"revision\":\"EG12EAPAR01A12M4G\",\"model\":\"EG12\"}}";
        for (String json : List.of(flat, nested)) {
            StatusSnapshot s = status("teltonika/" + SERIAL + "/telemetry", json);
            assertThat(s.format()).isEqualTo("data-to-server");
            assertThat(s.partial()).isTrue();
            assertThat(s.dataState()).isEqualTo(DataState.CONNECTED);
            assertThat(s.operator()).isEqualTo("Telia");
            assertThat(s.networkType()).isEqualTo("LTE");
            assertThat(s.rssi()).isEqualTo(-67);
            assertThat(s.rsrp()).isEqualTo(-95);
            assertThat(s.rsrq()).isEqualTo(-11.0);
            assertThat(s.sinr()).isEqualTo(7.5);
            assertThat(s.modemFirmware()).isEqualTo("EG12EAPAR01A12M4G");
            assertThat(s.modemModel()).isEqualTo("EG12");
            assertThat(s.routerFirmware()).isEqualTo("RUTX_R_00.07.04.1");
            assertThat(s.temperatureC()).isEqualTo(40.2);
        }
    }

    @Test
    void configurableRoots() {
        MessageTranslator custom = new MessageTranslator(new TopicParser("fleet", "pub", "dts", "gsm"),
                ClockPolicy.defaults());
        assertThat(custom.translate("fleet/" + SERIAL + "/status", "{\"v\":1}".getBytes(StandardCharsets.UTF_8),
                RECEIVED).records()).hasSize(1);
        assertThat(custom.translate("dts/" + SERIAL + "/gsm", "{}".getBytes(StandardCharsets.UTF_8), RECEIVED)
                .records()).hasSize(1);
        assertThat(custom.translate("rutx/" + SERIAL + "/status", "{\"v\":1}".getBytes(StandardCharsets.UTF_8),
                RECEIVED).deadLetters()).hasSize(1);
        assertThat(custom.topics().filters()).containsExactly("fleet/+/log/+", "fleet/+/status", "pub/+/+",
                "dts/+/gsm");
    }

    private static StatusSnapshot status(String topic, String payload) {
        Translation t = LIVE.translate(topic, payload.getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertThat(t.deadLetters()).as("dead letters for %s", topic).isEmpty();
        assertThat(t.records()).hasSize(1);
        StatusSnapshot s = (StatusSnapshot) t.records().get(0);
        assertThat(s.serial()).isEqualTo(SERIAL);
        assertThat(s.receivedAt()).isEqualTo(RECEIVED);
        s.validate();
        return s;
    }
}
