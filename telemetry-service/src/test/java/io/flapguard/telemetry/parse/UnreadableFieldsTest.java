package io.flapguard.telemetry.parse;

import static io.flapguard.telemetry.parse.FormatsTest.LIVE;
import static io.flapguard.telemetry.parse.FormatsTest.RECEIVED;
import static io.flapguard.telemetry.parse.FormatsTest.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.wire.DataState;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.StatusSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A status field the router could not read (gsmctl's {@code N/A} or {@code ERROR: Couldn't retrieve data}, empty,
 * not a number, implausible) drops that field only, in every status format, and is listed for counting.
 */
class UnreadableFieldsTest {

    @Test
    void agentJsonKeepsEverythingButTheUnreadableFields() {
        String json = FormatsTest.STATUS_JSON
                .replace("\"uptime_s\":422540", "\"uptime_s\":\"abc\"")
                .replace("\"state\":\"connected\"", "\"state\":\"N/A\"")
                .replace("\"band\":\"LTE BAND 20\"", "\"band\":\"\"")
                .replace("{\"rssi\":-59, \"rsrp\":-85, \"rsrq\":-8.0, \"sinr\":12.3}",
                        "{\"rssi\":-999, \"rsrp\":\"N/A\", \"rsrq\":\"\", \"sinr\":\"ERROR: Couldn't retrieve data\"}");
        Translation t = translate("rutx/" + SERIAL + "/status", json);
        StatusSnapshot s = snapshot(t);
        assertThat(s.modemFirmware()).isEqualTo("EG12EAPAR01A09M4G");
        assertThat(s.operator()).isEqualTo("o2 - de");
        assertThat(s.routerFirmware()).isEqualTo("RUTX_R_00.07.02.8");
        assertThat(s.rssi()).isNull();
        assertThat(s.rsrp()).isNull();
        assertThat(s.rsrq()).isNull();
        assertThat(s.sinr()).isNull();
        assertThat(s.dataState()).isNull();
        assertThat(s.uptimeSeconds()).isNull();
        assertThat(s.band()).isNull();
        assertThat(t.unreadable()).allSatisfy(f -> assertThat(f.format()).isEqualTo("agent-json"))
                .extracting(UnreadableField::field)
                .containsExactlyInAnyOrder("uptimeSeconds", "dataState", "band", "rssi", "rsrp", "rsrq", "sinr");
        assertThat(t.unreadable()).filteredOn(f -> f.field().equals("rssi")).singleElement()
                .satisfies(f -> assertThat(f.why()).isEqualTo("out of range"));
    }

    @Test
    void webuiTextKeepsEverythingButTheUnreadableLines() {
        String text = "Device name: RUTX14\nSerial number: N/A\nModem FW version: EG12EAPAR01A09M4G\n"
                + "Operator: DNA\nSignal strength: -999 dBm\nRSRP: N/A\nRSRQ:\n"
                + "SINR: ERROR: Couldn't retrieve data\nConnected band: N/A\n";
        Translation t = translate("rutx/" + SERIAL + "/status", text);
        StatusSnapshot s = snapshot(t);
        assertThat(s.format()).isEqualTo("webui-text");
        assertThat(s.routerModel()).isEqualTo("RUTX14");
        assertThat(s.modemFirmware()).isEqualTo("EG12EAPAR01A09M4G");
        assertThat(s.operator()).isEqualTo("DNA");
        assertThat(s.rssi()).isNull();
        assertThat(s.rsrp()).isNull();
        assertThat(s.band()).isNull();
        assertThat(t.unreadable()).extracting(UnreadableField::field)
                .containsExactlyInAnyOrder("serial", "rssi", "rsrp", "rsrq", "sinr", "band");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "signal|N/A|rssi",
        "signal|strong|rssi",
        "signal|-999|rssi",
        "signal|''|rssi",
        "operator|ERROR: Couldn't retrieve data|operator",
        "network|N/A|networkType",
        "connection|N/A|dataState",
        "connection|up|dataState",
        "connection|1|dataState",
        "temperature|hot|temperatureC",
        "uptime|-5|uptimeSeconds",
        "wan|not-an-ip|wanIp",
    })
    void mqttPublisherValueTheRouterCouldNotRead(String parameter, String value, String field) {
        Translation t = translate("router/" + SERIAL + "/" + parameter, value + "\n");
        StatusSnapshot s = snapshot(t);
        assertThat(s.format()).isEqualTo("mqtt-publisher");
        assertThat(s.partial()).isTrue();
        assertThat(t.unreadable()).singleElement().satisfies(f -> {
            assertThat(f.format()).isEqualTo("mqtt-publisher");
            assertThat(f.field()).isEqualTo(field);
        });
        assertThat(List.of(s.rssi() == null, s.operator() == null, s.networkType() == null, s.dataState() == null,
                s.temperatureC() == null, s.uptimeSeconds() == null, s.wanIp() == null)).containsOnly(true);
    }

    @Test
    void dataToServerAsAnUnregisteredModemPrintsIt() {
        String json = "{\"TS\":\"1665065668\",\"serial\":\"" + SERIAL + "\",\"fw\":\"RUTX_R_00.07.02.7\",\"temp\":\"N/A\","
                + "\"gsm\":{\"connstate\":\"Disconnected\",\"netstate\":\"not registered\",\"operator\":\"N/A\","
                + "\"conntype\":\"N/A\",\"rssi\":\"-97\",\"rsrp\":\"N/A\",\"rsrq\":\"N/A\",\"sinr\":\"99\","
                + "\"revision\":\"EG12EAPAR01A09M4G\",\"model\":\"EG12\"}}";
        Translation t = translate("teltonika/" + SERIAL + "/telemetry", json);
        StatusSnapshot s = snapshot(t);
        assertThat(s.dataState()).isEqualTo(DataState.DISCONNECTED);
        assertThat(s.networkState()).isEqualTo("not registered");
        assertThat(s.rssi()).isEqualTo(-97);
        assertThat(s.modemFirmware()).isEqualTo("EG12EAPAR01A09M4G");
        assertThat(s.routerFirmware()).isEqualTo("RUTX_R_00.07.02.7");
        assertThat(s.sinr()).as("99 dB is outside validate()'s range").isNull();
        assertThat(t.unreadable()).allSatisfy(f -> assertThat(f.format()).isEqualTo("data-to-server"))
                .extracting(UnreadableField::field)
                .containsExactlyInAnyOrder("temperatureC", "operator", "networkType", "rsrp", "rsrq", "sinr");
    }

    @Test
    void notJsonOrAnotherRoutersSerialIsStillRejected() {
        Translation broken = translate("rutx/" + SERIAL + "/status", "{\"v\":1,\"signal\":{\"rsrp\":\"N/A\"}");
        assertThat(broken.records()).isEmpty();
        assertThat(broken.deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(RejectReason.MALFORMED_JSON));
        Translation spoofed = translate("teltonika/" + SERIAL + "/telemetry",
                "{\"serial\":\"1117759415\",\"gsm\":{\"rsrp\":\"N/A\"}}");
        assertThat(spoofed.records()).isEmpty();
        assertThat(spoofed.deadLetters()).singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo(RejectReason.SERIAL_MISMATCH));
        assertThat(spoofed.unreadable()).isEmpty();
    }

    @Test
    void readableStatusDropsNothing() {
        assertThat(translate("rutx/" + SERIAL + "/status", FormatsTest.STATUS_JSON).unreadable()).isEmpty();
        assertThat(translate("router/" + SERIAL + "/signal", "-71").unreadable()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "router/%s/connection|connected|connected",
        "router/%s/connection|Connected|connected",
        "router/%s/connection|' Disconnected '|disconnected",
        "router/%s/connection|DISCONNECTED|disconnected",
        "teltonika/%s/telemetry|{\"connstate\":\"connected\"}|connected",
        "teltonika/%s/telemetry|{\"gsm\":{\"connstate\":\"Disconnected\",\"netstate\":\"registered (home)\"}}|disconnected",
        "rutx/%s/status|{\"v\":1,\"modem\":{\"state\":\"Disconnected\"}}|disconnected",
    })
    void teltonikaPublishersAsDataBearerEvidence(String topic, String payload, String state) {
        Translation t = translate(String.format(topic, SERIAL), payload);
        assertThat(snapshot(t).dataState().wireName()).isEqualTo(state);
        assertThat(t.unreadable()).isEmpty();
    }

    private static Translation translate(String topic, String payload) {
        return LIVE.translate(topic, payload.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    private static StatusSnapshot snapshot(Translation t) {
        assertThat(t.deadLetters()).isEmpty();
        StatusSnapshot s = (StatusSnapshot) t.records().get(0);
        s.validate();
        return s;
    }
}
