package io.flapguard.analyzer.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A person who opens the analyzer's address lands on the console (its pages hold no data until they log in). */
@Path("/")
@PermitAll
public class ConsoleEntrance {
    @GET
    @Operation(summary = "Redirects to the console")
    public Response root() {
        return Response.seeOther(URI.create("/console/")).build();
    }
}
