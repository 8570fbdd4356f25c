package io.flapguard.analyzer.metrics;

import io.flapguard.analyzer.api.LocalStores;
import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.domain.RouterState;
import io.flapguard.analyzer.domain.RouterStateCodec;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Gauges recomputed from this instance's router store every few seconds (so they are right after a restart
 * or a rebalance): flapping routers by cohort and cause, routers held and their state bytes. Summing over
 * instances gives the fleet.
 */
@ApplicationScoped
public class StateGauges {
    private static final Logger LOG = Logger.getLogger(StateGauges.class);

    @Inject
    LocalStores stores;

    @Inject
    MeterRegistry registry;

    @Inject
    AnalyzerConfig config;

    private final AtomicLong routers = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private MultiGauge flapping;
    private ScheduledExecutorService timer;

    void start(@Observes StartupEvent e) {
        Gauge.builder("flapguard_analyzer_state_routers", routers, AtomicLong::get)
                .description("Routers in this instance's state store").register(registry);
        Gauge.builder("flapguard_analyzer_state_bytes", bytes, AtomicLong::get).baseUnit("bytes")
                .description("Serialized size of this instance's router state").register(registry);
        flapping = MultiGauge.builder("flapguard_analyzer_flapping_routers")
                .description("Flapping routers by cohort and cause").register(registry);
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "analyzer-gauges"));
        long every = config.gaugeRefresh().toMillis();
        timer.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** The largest series as they are; beyond {@code max}, the rest summed into one series labelled "other". */
    static List<MultiGauge.Row<?>> rows(Map<Tags, Integer> counts, int max) {
        List<Map.Entry<Tags, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<Tags, Integer>comparingByValue().reversed());
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        int rest = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < max - 1 || sorted.size() <= max) {
                rows.add(MultiGauge.Row.of(sorted.get(i).getKey(), sorted.get(i).getValue()));
            } else {
                rest += sorted.get(i).getValue();
            }
        }
        if (rest > 0) {
            rows.add(MultiGauge.Row.of(Tags.of("router_model", "other", "router_firmware", "other", "modem_model",
                    "other", "modem_firmware", "other", "cause", "other"), rest));
        }
        return rows;
    }

    /** One scan of the local store; skipped quietly while the store is not queryable (restoring). */
    public void refresh() {
        try {
            Map<Tags, Integer> counts = new HashMap<>();
            long n = 0;
            long size = 0;
            try (var all = stores.routers().all()) {
                while (all.hasNext()) {
                    RouterState s = all.next().value;
                    n++;
                    size += RouterStateCodec.encode(s).length;
                    if (s.flapping()) {
                        var m = s.membership();
                        Tags tags = Tags.of("router_model", AnalyzerMetrics.label(m.routerModel()),
                                "router_firmware", AnalyzerMetrics.label(m.routerFirmware()),
                                "modem_model", AnalyzerMetrics.label(m.modemModel()),
                                "modem_firmware", AnalyzerMetrics.label(m.modemFirmware()),
                                "cause", s.cause().name().toLowerCase());
                        counts.merge(tags, 1, Integer::sum);
                    }
                }
            }
            routers.set(n);
            bytes.set(size);
            flapping.register(rows(counts, config.limits().maxFlappingSeries()), true);
        } catch (RuntimeException ex) {
            LOG.debugf("gauges not refreshed: %s", ex.getMessage());
        }
    }
}
