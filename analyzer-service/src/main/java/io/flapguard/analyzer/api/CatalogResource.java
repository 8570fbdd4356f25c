package io.flapguard.analyzer.api;

import io.flapguard.analyzer.catalog.PromotionRequest;
import io.flapguard.analyzer.catalog.Promotions;
import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.domain.FleetFact;
import io.flapguard.analyzer.domain.RemediationCatalog;
import io.flapguard.security.Roles;
import io.flapguard.security.audit.AuditNote;
import io.flapguard.security.audit.Audited;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The remediation catalog as it stands: configured entries, entries people promoted (who, when, why) and what the
 * fleet suggests (learned targets with the evidence behind them), and the one-step promotion of a suggestion.
 */
@Path("/api/catalog")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class CatalogResource {
    @Inject
    LocalStores stores;

    @Inject
    AnalyzerConfig config;

    @Inject
    Promotions promotions;

    @Inject
    AuditNote audit;

    private RemediationCatalog catalog;

    @PostConstruct
    void init() {
        catalog = new RemediationCatalog(config.catalog());
    }

    /** A learned target for a firmware the fleet implicates, with how both behave in the fleet. */
    public record Suggestion(String modemModel, String fromFirmware, String toFirmware, FleetFact.FirmwareFact from,
            FleetFact.FirmwareFact to, List<String> implicatedCohorts, String promote) {
    }

    public record CatalogView(List<String> configured, List<FleetFact.Promotion> promoted,
            List<Suggestion> suggestions) {
    }

    @GET
    @Operation(summary = "Configured and promoted catalog entries, and learned suggestions with their evidence")
    public CatalogView catalog() {
        List<FleetFact.Promotion> promoted = new ArrayList<>();
        List<FleetFact.ModelFact> models = new ArrayList<>();
        List<FleetFact.CohortFact> implicated = new ArrayList<>();
        try (var all = stores.facts().all()) {
            all.forEachRemaining(kv -> {
                FleetFact f = kv.value;
                if (f.promotion() != null) {
                    promoted.add(f.promotion());
                } else if (f.model() != null) {
                    models.add(f.model());
                } else if (f.cohort() != null && f.cohort().implicated()) {
                    implicated.add(f.cohort());
                }
            });
        }
        List<Suggestion> suggestions = new ArrayList<>();
        for (FleetFact.ModelFact m : models) {
            for (FleetFact.FirmwareFact from : m.firmware()) {
                List<String> cohorts = implicated.stream()
                        .filter(c -> m.modemModel().equals(c.cohort().modemModel())
                                && from.firmware().equals(c.cohort().modemFirmware()))
                        .map(c -> c.cohort().key()).toList();
                String to = catalog.learned(m, from.firmware());
                boolean known = catalog.configured(m.modemModel(), from.firmware()) != null
                        || promoted.stream().anyMatch(p -> p.modemModel().equals(m.modemModel())
                                && p.fromFirmware().equals(from.firmware()));
                if (cohorts.isEmpty() || to == null || known) {
                    continue;
                }
                FleetFact.FirmwareFact target = m.firmware().stream().filter(f -> f.firmware().equals(to))
                        .findFirst().orElse(null);
                suggestions.add(new Suggestion(m.modemModel(), from.firmware(), to, from, target, cohorts,
                        "POST /api/catalog/promotions {\"modemModel\":\"" + m.modemModel() + "\",\"fromFirmware\":\""
                                + from.firmware() + "\",\"toFirmware\":\"" + to + "\",\"reason\":\"...\"}"));
            }
        }
        return new CatalogView(catalog.entries(), promoted, suggestions);
    }

    // No @Consumes: a non-JSON body must reach the cross-site guard (403, audited), not end as an unaudited 415.
    @POST
    @Path("/promotions")
    @RolesAllowed(Roles.APPROVER)
    @Audited(value = "catalog.promote", target = "")
    @Operation(summary = "Promote a bad → good modem firmware pair into the catalog (recorded: who, when, why); "
            + "routers of that firmware diagnosed FIRMWARE get commands from then on")
    @APIResponse(responseCode = "201", description = "the promotion as recorded")
    @APIResponse(responseCode = "400", description = "invalid pair or missing reason (one line says why)")
    @APIResponse(responseCode = "403", description = "not role approver, or a cross-site request")
    public Response promote(PromotionRequest request, @Context SecurityContext security) {
        String who = security != null && security.getUserPrincipal() != null ? security.getUserPrincipal().getName()
                : "anonymous";
        if (request != null) {
            audit.reason(request.reason());
            audit.target(request.modemModel() + ":" + request.fromFirmware() + "->" + request.toFirmware());
        }
        try {
            return Response.status(Response.Status.CREATED).entity(promotions.promote(request, who)).build();
        } catch (Promotions.Refused e) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN)
                    .entity("promotion refused: " + e.getMessage() + "\n").build();
        }
    }
}
