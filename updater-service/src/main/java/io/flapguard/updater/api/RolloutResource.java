package io.flapguard.updater.api;

import io.flapguard.updater.rollout.RolloutView;
import io.flapguard.updater.service.UpdateCoordinator;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operators' view of rollouts and the buttons: approve, pause, resume, cancel. */
@Path("/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutResource {
    @Inject
    UpdateCoordinator coordinator;

    @GET
    @Operation(summary = "All rollouts with their waves and progress")
    public List<RolloutView> list() {
        return coordinator.engine().rollouts();
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve the next wave of a rollout waiting for approval")
    public Response approve(@PathParam("id") String id) {
        return done(coordinator.approve(id));
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a rollout; running updates finish, no new ones start")
    public Response pause(@PathParam("id") String id, @QueryParam("reason") String reason) {
        return done(coordinator.pause(id, reason == null ? "paused by an operator" : reason));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused rollout")
    public Response resume(@PathParam("id") String id) {
        return done(coordinator.resume(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a rollout; queued updates end CANCELLED")
    public Response cancel(@PathParam("id") String id) {
        return done(coordinator.cancel(id));
    }

    private static Response done(boolean ok) {
        return ok ? Response.noContent().build() : Response.status(Response.Status.CONFLICT)
                .entity("{\"error\":\"unknown rollout or not in a state that allows this\"}").build();
    }
}
