package io.flapguard.updater.api;

import io.flapguard.security.PageLimit;
import io.flapguard.security.Roles;
import io.flapguard.updater.service.AttentionEntry;
import io.flapguard.updater.service.AttentionBoard;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import java.util.Comparator;
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
    AttentionBoard board;

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Routers marked for attention (update timed out or modem mute mid-update), by serial; "
            + "pages with limit (1-1000) and after (the last serial of the previous page)")
    public List<AttentionEntry> list(@QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("after") String after) {
        int max = PageLimit.checked(limit);
        return board.list().stream().sorted(Comparator.comparing(AttentionEntry::serial))
                .filter(e -> after == null || e.serial().compareTo(after) > 0).limit(max).toList();
    }
}
