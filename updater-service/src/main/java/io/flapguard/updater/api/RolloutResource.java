package io.flapguard.updater.api;

import io.flapguard.security.Refusals;
import io.flapguard.security.Roles;
import io.flapguard.security.audit.ActionRequest;
import io.flapguard.security.audit.AuditNote;
import io.flapguard.security.audit.Audited;
import io.flapguard.updater.rollout.RolloutView;
import io.flapguard.updater.service.RolloutMemberView;
import io.flapguard.updater.service.RolloutControl;
import jakarta.annotation.security.RolesAllowed;
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

/**
 * Operators' view of rollouts and the buttons: approve (approver), pause, resume, cancel, reopen (operator). Each button
 * takes a JSON body {@code {"reason": "..."}} (or {@code {}}) and every press, allowed or not, is audited.
 */
@Path("/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutResource {
    @Inject
    RolloutControl rollouts;

    @Inject
    AuditNote audit;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "All rollouts with their waves and progress")
    public List<RolloutView> list() {
        return rollouts.rollouts();
    }

    @GET
    @Path("/{id}/routers")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "The routers of a rollout in the order they joined: wave, status, step, the flash percentage "
            + "while flashing, attempt and the failure kind of the last failed attempt")
    public Response routers(@PathParam("id") String id) {
        List<RolloutMemberView> members = rollouts.members(id);
        if (members.isEmpty() && !rollouts.known(id)) {
            return Refusals.refuse(404, "no rollout " + id);
        }
        return Response.ok(members).build();
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.APPROVER)
    @Audited("rollout.approve")
    @Operation(summary = "Approve the next wave of a rollout waiting for approval (role approver)")
    public Response approve(@PathParam("id") String id, ActionRequest body) {
        audit.reason(ActionRequest.reasonOf(body));
        return done(rollouts.approve(id));
    }

    @POST
    @Path("/{id}/pause")
    @RolesAllowed(Roles.OPERATOR)
    @Audited("rollout.pause")
    @Operation(summary = "Pause a rollout; running updates finish, no new ones start (role operator)")
    public Response pause(@PathParam("id") String id, @QueryParam("reason") String queryReason, ActionRequest body) {
        // ?reason= still works for scripts written before the JSON body
        String reason = ActionRequest.reasonOf(body == null || body.reason() == null ? new ActionRequest(queryReason)
                : body);
        audit.reason(reason);
        return done(rollouts.pause(id, reason == null ? "paused by an operator" : reason));
    }

    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Roles.OPERATOR)
    @Audited("rollout.resume")
    @Operation(summary = "Resume a paused rollout (role operator); one that paused itself on failures needs a reason")
    public Response resume(@PathParam("id") String id, ActionRequest body) {
        String reason = ActionRequest.reasonOf(body);
        audit.reason(reason);
        if (reason == null && rollouts.pausedOnFailures(id)) {
            return Refusals.refuse(400, "this rollout paused itself on failures: resuming needs a reason, "
                    + "send {\"reason\": \"...\"}");
        }
        return done(rollouts.resume(id));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.OPERATOR)
    @Audited("rollout.cancel")
    @Operation(summary = "Cancel a rollout; queued updates end CANCELLED (role operator)")
    public Response cancel(@PathParam("id") String id, ActionRequest body) {
        audit.reason(ActionRequest.reasonOf(body));
        return done(rollouts.cancel(id));
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed(Roles.OPERATOR)
    @Audited("rollout.reopen")
    @Operation(summary = "Reopen a cancelled rollout (role operator): the commands it cancelled before they started "
            + "are queued again, and new commands for its target join it")
    public Response reopen(@PathParam("id") String id, ActionRequest body) {
        audit.reason(ActionRequest.reasonOf(body));
        return done(rollouts.reopen(id));
    }

    private static Response done(boolean ok) {
        return ok ? Response.noContent().build()
                : Refusals.refuse(409, "unknown rollout or not in a state that allows this");
    }
}
