package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.wire.Cause;
import io.flapguard.wire.DataState;
import org.junit.jupiter.api.Test;

class RouterStateCodecTest {
    /** A router with every ring full and every string set: the worst case must stay within 1 KiB. */
    static RouterState full() {
        RouterState s = new RouterState();
        s.maxTime = 1_700_000_000_000L;
        s.firstSeen = 1_690_000_000_000L;
        s.membership.join("RUTX14", "RUTX_R_00.07.02.7", "EG12", "EG12EAPAR01A09M4G", s.firstSeen);
        s.membership.unexplained = 40;
        s.membership.flapper = true;
        s.operator = "o2 - de";
        for (int i = 0; i < 20; i++) {
            int added = s.incidents.add(s.firstSeen + i * 3_600_000L, i % 2 == 0, 120_000);
            s.incidents.addSignalTo(added, -101 - i, 3.5);
            s.incidents.classify(added, IncidentClass.values()[i % IncidentClass.values().length]);
            s.incidents.burst(added, i % 3 == 0);
            s.recentIds.remember("evt-" + i + "-0123456789abcdef0123456789abcdef");
            s.reboots.add(s.firstSeen + i * 7_200_000L);
            s.signal.add(s.firstSeen + i * 60_000L, -101 - i, 3.5, -11.0);
        }
        s.modem.downloadMode(s.maxTime);
        s.kernelLog = true;
        s.modemReadings = true;
        s.dataState = DataState.CONNECTED;
        s.penalty = 3210.5;
        s.cause = Cause.MODEM_UNRESPONSIVE;
        s.flapping = true;
        for (int i = 0; i < 6; i++) {
            s.commands.issued("cmd-0123456789abcdef0123456789abcdef" + i, "EG12EAPAR01A1" + i + "M4G", s.maxTime);
            s.commands.closed("cmd-0123456789abcdef0123456789abcdef" + i);
        }
        s.commands.issued("cmd-0123456789abcdef0123456789abcdef9", "EG12EAPAR01A19M4G", s.maxTime);
        s.verification.begin("EG12EAPAR01A12M4G", s.maxTime, 42);
        return s;
    }

    @Test
    void roundTripsAndStaysUnder1KiB() {
        RouterState s = full();
        byte[] bytes = RouterStateCodec.encode(s);
        assertThat(bytes.length).isLessThanOrEqualTo(1024);
        RouterState back = RouterStateCodec.decode(bytes);
        assertThat(RouterStateCodec.encode(back)).isEqualTo(bytes);
        assertThat(back.incidents.size()).isEqualTo(Incidents.MAX);
        for (int i = 0; i < Incidents.MAX; i++) {
            assertThat(back.incidents.ownClass(i)).isEqualTo(s.incidents.ownClass(i));
            assertThat(back.incidents.inBurst(i)).isEqualTo(s.incidents.inBurst(i));
            assertThat(back.incidents.modemLeftBus(i)).isEqualTo(s.incidents.modemLeftBus(i));
        }
        assertThat(back.commands.issuedTargets()).hasSize(CommandLog.MAX_TARGETS).contains("EG12EAPAR01A15M4G");
        assertThat(back.verification.outcome()).isEqualTo(VerificationOutcome.WATCHING);
        assertThat(back.operator).isEqualTo("o2 - de");
        assertThat(back.modem.inDownloadMode()).isTrue();
        assertThat(back.membership.flapper()).isTrue();
        assertThat(back.cause).isEqualTo(Cause.MODEM_UNRESPONSIVE);
        assertThat(back.modemReadings).as("its Data to Server records carry the modem's readings").isTrue();
        assertThat(back.eventsLog).isFalse();
    }

    @Test
    void duplicateIdsAreRecognised() {
        RouterState s = new RouterState();
        assertThat(s.recentIds.remember("a")).isTrue();
        assertThat(s.recentIds.remember("a")).isFalse();
        assertThat(RouterStateCodec.decode(RouterStateCodec.encode(s)).recentIds.remember("a")).isFalse();
    }
}
