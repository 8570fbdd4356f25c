package io.flapguard.analyzer.api;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.domain.FlapPenalty;
import io.flapguard.analyzer.domain.RouterState;
import io.flapguard.analyzer.domain.RouterTimeline;
import io.flapguard.security.PageLimit;
import io.flapguard.security.Refusals;
import io.flapguard.security.Roles;
import io.flapguard.wire.Cause;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The fleet at a glance, for role viewer and above: routers by state and cause, a list to search, a timeline. */
@Path("/api")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class FleetResource {
    private static final Pattern SERIAL_PREFIX = Pattern.compile("[0-9A-Za-z_-]{0,32}");

    @Inject
    LocalStores stores;

    @Inject
    AnalyzerConfig config;

    /** One row of the router list: the stored state, not a fresh diagnosis (cheap for a whole fleet). */
    public record RouterRow(String serial, String state, String cause, String cohort, int incidentsTotal,
            boolean openCommand, String verification) {
    }

    /** Counts by state and by cause of the routers this instance holds. */
    public record Summary(String servedBy, List<String> otherInstances, int routers, Map<String, Integer> byState,
            Map<String, Integer> byCause) {
    }

    @GET
    @Path("/fleet/summary")
    @Operation(summary = "How many routers this instance holds, by state (flapping / stable) and by cause")
    public Summary summary() {
        Map<String, Integer> byState = new TreeMap<>();
        Map<String, Integer> byCause = new TreeMap<>();
        int routers = 0;
        try (var all = stores.routers().all()) {
            while (all.hasNext()) {
                RouterState s = all.next().value;
                routers++;
                byState.merge(state(s), 1, Integer::sum);
                byCause.merge(s.cause().name(), 1, Integer::sum);
            }
        }
        return new Summary(stores.selfEndpoint(), stores.otherInstances(), routers, byState, byCause);
    }

    @GET
    @Path("/routers")
    @Operation(summary = "Routers this instance holds in serial order, optionally only one state (flapping, stable), "
            + "one cause, or serials starting with a prefix; pages with limit (1-1000) and after (the previous "
            + "page's next)")
    public Response routers(@QueryParam("state") String state, @QueryParam("cause") String cause,
            @QueryParam("serial") @DefaultValue("") String serialPrefix,
            @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("after") String after) {
        int max = PageLimit.checked(limit);
        if (!SERIAL_PREFIX.matcher(serialPrefix).matches()) {
            return Refusals.refuse(400, "serial must be up to 32 letters, digits, '-' or '_'");
        }
        Cause wanted;
        try {
            wanted = cause == null || cause.isBlank() ? null : Cause.valueOf(cause.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Refusals.refuse(400, "unknown cause " + cause + "; one of " + List.of(Cause.values()));
        }
        if (state != null && !state.isBlank() && !List.of("flapping", "stable").contains(state)) {
            return Refusals.refuse(400, "state must be flapping or stable");
        }
        String wantedState = state == null || state.isBlank() ? null : state;
        SerialPage.Page<RouterRow> page;
        try (var all = stores.routers().all()) {
            page = SerialPage.of(all, after, max, (serial, s) -> serial.startsWith(serialPrefix)
                    && (wanted == null || s.cause() == wanted) && (wantedState == null || wantedState.equals(state(s)))
                    ? row(serial, s) : null);
        }
        return Response.ok(new AnalyzerResource.Page<>(stores.selfEndpoint(), stores.otherInstances(), page.items(),
                page.next())).build();
    }

    @GET
    @Path("/routers/{serial}/timeline")
    @Operation(summary = "What the analyzer remembers of a router over time: incidents with their class, signal, "
            + "reboots, firmware change, and the flap penalty with its start and stop thresholds")
    public Response timeline(@PathParam("serial") String serial) {
        var elsewhere = stores.redirectToOwner(serial, "/api/routers/" + serial + "/timeline");
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        RouterState s = stores.router(serial);
        return Response.ok(RouterTimeline.of(serial, s, FlapPenalty.of(config.penalty()))).build();
    }

    private static String state(RouterState s) {
        return s.flapping() ? "flapping" : "stable";
    }

    private static RouterRow row(String serial, RouterState s) {
        var v = RouterView.verification(serial, s);
        return new RouterRow(serial, state(s), s.cause().name(),
                s.membership().known() ? s.membership().cohort().key() : null, s.incidents().total(),
                s.commands().openId() != null, v == null ? null : v.outcome());
    }
}
