package io.flapguard.analyzer.api;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.domain.FleetFact;
import io.flapguard.analyzer.domain.RouterAnalyzer;
import io.flapguard.analyzer.domain.RouterState;
import io.flapguard.security.PageLimit;
import io.flapguard.security.Roles;
import jakarta.annotation.PostConstruct;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Read-only views of the analyzer's state stores (interactive queries), for role viewer and above. */
@Path("/api")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public class AnalyzerResource {
    @Inject
    LocalStores stores;

    @Inject
    AnalyzerConfig config;

    private RouterAnalyzer analyzer;

    @PostConstruct
    void init() {
        analyzer = new RouterAnalyzer(config);
    }

    /** Open commands or verifications held by this instance; other instances hold the rest. */
    /** @param next pass as {@code after} for the next page; null on the last page */
    public record Page<T>(String servedBy, List<String> otherInstances, List<T> items, String next) {
    }

    @GET
    @Path("/routers/{serial}")
    @Operation(summary = "A router's current diagnosis with its evidence, open command and verification")
    @APIResponse(responseCode = "200", description = "the router's view")
    @APIResponse(responseCode = "307", description = "another instance holds this router: follow Location")
    @APIResponse(responseCode = "404", description = "router never seen")
    @APIResponse(responseCode = "503", description = "state is being restored or rebalanced")
    public Response router(@PathParam("serial") String serial) {
        Optional<Response> elsewhere = stores.redirectToOwner(serial, "/api/routers/" + serial);
        if (elsewhere.isPresent()) {
            return elsewhere.get();
        }
        RouterState s = stores.router(serial);
        return Response.ok(new RouterView(serial, analyzer.diagnosis(s, serial, stores.facts()::get),
                RouterView.openCommand(serial, s), RouterView.verification(serial, s), s.commands().issuedTargets(),
                s.incidents().total())).build();
    }

    @GET
    @Path("/cohorts")
    @Operation(summary = "Incident rate per cohort per router-day, rate ratio against other firmware of the same "
            + "modem model with its 95 % interval, and whether the cohort is implicated (complete on every instance)")
    public List<FleetFact.CohortFact> cohorts(@QueryParam("limit") @DefaultValue("500") int limit,
            @QueryParam("after") String after) {
        List<FleetFact.CohortFact> rows = new ArrayList<>();
        try (var all = stores.facts().all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.cohort() != null) {
                    rows.add(kv.value.cohort());
                }
            });
        }
        rows.sort(Comparator.comparing((FleetFact.CohortFact c) -> c.cohort().key()));
        return rows.stream().filter(c -> after == null || c.cohort().key().compareTo(after) > 0)
                .limit(PageLimit.checked(limit)).toList();
    }

    @GET
    @Path("/commands/open")
    @Operation(summary = "Commands issued and not yet finished, for the routers this instance holds")
    public Page<RouterView.OpenCommand> openCommands(@QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("after") String after) {
        return localPage(RouterView::openCommand, limit, after);
    }

    @GET
    @Path("/verifications")
    @Operation(summary = "Routers watched after an update, and the verdicts (verified / failed_to_fix)")
    public Page<RouterView.Verification> verifications(@QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("after") String after) {
        return localPage(RouterView::verification, limit, after);
    }

    /** The routers this instance holds, in serial order after {@code after}; {@code view} returns null for routers that do not belong. */
    private <T> Page<T> localPage(BiFunction<String, RouterState, T> view, int limit, String after) {
        int max = PageLimit.checked(limit);
        try (var all = stores.routers().all()) {
            SerialPage.Page<T> page = SerialPage.of(all, after, max, view);
            return new Page<>(stores.selfEndpoint(), stores.otherInstances(), page.items(), page.next());
        }
    }
}
