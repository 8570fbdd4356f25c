package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.wire.Cause;
import org.junit.jupiter.api.Test;

class RouterStateCodecTest {
    /** A router with every ring full and every string set: the worst case must stay within 1 KiB. */
    static RouterState full() {
        RouterState s = new RouterState();
        s.maxTime = 1_700_000_000_000L;
        s.firstSeen = 1_690_000_000_000L;
        s.routerModel = "RUTX14";
        s.routerFirmware = "RUTX_R_00.07.02.7";
        s.modemModel = "EG12";
        s.modemFirmware = "EG12EAPAR01A09M4G";
        s.operator = "o2 - de";
        IncidentGrouper g = new IncidentGrouper(120_000);
        for (int i = 0; i < 20; i++) {
            g.add(s, s.firstSeen + i * 3_600_000L);
            s.rememberId("evt-" + i + "-0123456789abcdef0123456789abcdef");
            s.addReboot(s.firstSeen + i * 7_200_000L);
            s.addSignal(s.firstSeen + i * 60_000L, -101 - i, 3.5, -11.0);
        }
        s.penalty = 3210.5;
        s.cause = Cause.FIRMWARE;
        s.flapping = true;
        for (int i = 0; i < 6; i++) {
            s.issued("cmd-0123456789abcdef0123456789abcdef" + i, "EG12EAPAR01A1" + i + "M4G", s.maxTime);
        }
        s.verifyTarget = "EG12EAPAR01A12M4G";
        s.verifyOutcome = VerificationOutcome.WATCHING;
        return s;
    }

    @Test
    void roundTripsAndStaysUnder1KiB() {
        RouterState s = full();
        byte[] bytes = RouterStateCodec.encode(s);
        assertThat(bytes.length).isLessThanOrEqualTo(1024);
        RouterState back = RouterStateCodec.decode(bytes);
        assertThat(RouterStateCodec.encode(back)).isEqualTo(bytes);
        assertThat(back.incidentCount).isEqualTo(RouterState.MAX_INCIDENTS);
        assertThat(back.issuedTargets).hasSize(RouterState.MAX_ISSUED_TARGETS).contains("EG12EAPAR01A15M4G");
        assertThat(back.verifyOutcome).isEqualTo(VerificationOutcome.WATCHING);
        assertThat(back.operator).isEqualTo("o2 - de");
    }

    @Test
    void duplicateIdsAreRecognised() {
        RouterState s = new RouterState();
        assertThat(s.rememberId("a")).isTrue();
        assertThat(s.rememberId("a")).isFalse();
        assertThat(RouterStateCodec.decode(RouterStateCodec.encode(s)).rememberId("a")).isFalse();
    }
}
