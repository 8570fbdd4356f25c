package io.flapguard.analyzer;

import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Builds a fleet's telemetry over time from the seed fixture: hourly status pages and disconnect episodes. */
public final class FleetTimeline {
    public static final Instant DAY0 = Instant.parse("2026-03-02T00:00:00Z");
    public static final String OLD_ROUTER_FW = "RUTX_R_00.07.02.6";
    public static final String BAD_ROUTER_FW = "RUTX_R_00.07.02.7";
    public static final String A09 = "EG12EAPAR01A09M4G";
    public static final String A12 = "EG12EAPAR01A12M4G";

    public final List<TelemetryMessage> messages = new ArrayList<>();

    public static Instant hour(double h) {
        return DAY0.plusMillis((long) (h * 3_600_000));
    }

    /** A status page every hour in [fromHour, toHour). */
    public FleetTimeline hourlyStatus(String serial, int fromHour, int toHour, Function<Instant, StatusSnapshot> page) {
        for (int h = fromHour; h < toHour; h++) {
            messages.add(page.apply(hour(h)));
        }
        return this;
    }

    /** {@code count} disconnect episodes from the fixture (cycling through them), the first at {@code first}. */
    public FleetTimeline episodes(String serial, Instant first, Duration every, int count) {
        for (int i = 0; i < count; i++) {
            messages.addAll(SeedFixture.episode(serial, SeedFixture.EPISODES.get(i % SeedFixture.EPISODES.size()),
                    first.plus(every.multipliedBy(i))));
        }
        return this;
    }

    /**
     * {@code count} drops of the data bearer alone (the events-log episodes of the fixture: no kernel lines, the
     * modem stays on the USB bus), as a weak cell causes them.
     */
    public FleetTimeline dataDrops(String serial, Instant first, Duration every, int count) {
        List<List<SeedFixture.Line>> eventsOnly = List.of(SeedFixture.EVENTS_2022_10_05, SeedFixture.EVENTS_2022_12_21);
        for (int i = 0; i < count; i++) {
            messages.addAll(SeedFixture.episode(serial, eventsOnly.get(i % 2), first.plus(every.multipliedBy(i))));
        }
        return this;
    }

    /** Router firmware RUTX_R_00.07.02.6 until {@code upgradeHour}, RUTX_R_00.07.02.7 after; good signal. */
    public static Function<Instant, StatusSnapshot> upgradedAt(String serial, int upgradeHour, String modemFw,
            String operator) {
        return t -> SeedFixture.goodStatus(serial, t, t.isBefore(hour(upgradeHour)) ? OLD_ROUTER_FW : BAD_ROUTER_FW,
                modemFw, operator);
    }
}
