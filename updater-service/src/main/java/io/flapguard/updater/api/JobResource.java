package io.flapguard.updater.api;

import io.flapguard.security.Refusals;
import io.flapguard.security.Roles;
import io.flapguard.updater.jobs.Attempt;
import io.flapguard.updater.jobs.JobRecord;
import io.flapguard.updater.jobs.KafkaJobStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** One command's job: where it stands, its attempts (each with its failure kind) and when the next one may start. */
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    @Inject
    KafkaJobStore jobs;

    /** What GET /jobs/{id} returns; {@code unacknowledgedResults} counts results Kafka has not confirmed yet. */
    public record JobView(String commandId, String serial, String targetFirmware, String rolloutId, Integer wave,
                          String phase, String status, String step, String reason, boolean attention, int attempt,
                          Instant nextAttemptNotBefore, List<Attempt> attempts, int unacknowledgedResults) {
        static JobView of(JobRecord j) {
            return new JobView(j.commandId(), j.command().serial(), j.command().targetFirmware(), j.rolloutId(),
                    j.wave() < 0 ? null : j.wave(), j.phase().name(), j.status().name(), j.step(), j.reason(),
                    j.attention(), j.currentAttempt(), j.retryAt(), j.attempts(), j.outbox().size());
        }
    }

    @GET
    @Path("/{commandId}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One command's job state with every attempt and its failure kind")
    public Response get(@PathParam("commandId") String commandId) {
        return jobs.get(commandId).map(j -> Response.ok(JobView.of(j)).build())
                .orElseGet(() -> Refusals.refuse(404, "no job with this command id"));
    }
}
