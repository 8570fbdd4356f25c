package io.flapguard.updater.api;

import io.flapguard.security.Roles;
import io.flapguard.updater.service.AttentionEntry;
import io.flapguard.updater.service.UpdateCoordinator;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Routers a person must look at; the updater will not touch them again on its own. */
@Path("/attention")
@Produces(MediaType.APPLICATION_JSON)
public class AttentionResource {
    @Inject
    UpdateCoordinator coordinator;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Routers marked for attention (update timed out or modem mute mid-update), by serial")
    public List<AttentionEntry> list() {
        return coordinator.attention();
    }
}
