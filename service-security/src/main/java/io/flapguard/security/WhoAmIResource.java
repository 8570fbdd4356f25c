package io.flapguard.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Who the caller is and which of the four roles they hold (the console shows only the buttons they may press). */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {
    @Inject
    SecurityIdentity identity;

    public record Me(String name, List<String> roles) {
    }

    @GET
    @RolesAllowed("**")
    @Operation(summary = "The logged-in user's name and roles (viewer, operator, approver, admin)")
    public Me me() {
        return new Me(identity.getPrincipal().getName(),
                identity.getRoles().stream().filter(Roles.ALL::contains).sorted().toList());
    }
}
