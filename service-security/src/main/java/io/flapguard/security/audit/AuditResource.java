package io.flapguard.security.audit;

import io.flapguard.security.PageLimit;
import io.flapguard.security.Refusals;
import io.flapguard.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit trail of every service (one topic), oldest first, in pages. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    @Inject
    AuditLog log;

    @GET
    @Blocking
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Audit records (who, when, action, target, reason, outcome), accepted and refused, oldest "
            + "first; page with limit (1-1000) and after (the previous page's next)")
    public Response page(@QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("after") @DefaultValue("-1") long after) {
        PageLimit.checked(limit);
        if (after < -1) {
            return Refusals.refuse(400, "after must be -1 (the start) or a seq from an earlier page");
        }
        return Response.ok(log.page(after, limit)).build();
    }
}
