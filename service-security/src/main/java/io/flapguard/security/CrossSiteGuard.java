package io.flapguard.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A web page the operator has open must not be able to act through the operator's browser. A browser sends a
 * cross-site request without asking first (no CORS preflight) only when it is "simple": form or text/plain body,
 * no custom headers. So every mutating request must carry {@code Content-Type: application/json} (which forces a
 * preflight this service never grants), and a request whose {@code Origin} is foreign, or that the browser marks
 * {@code Sec-Fetch-Site: cross-site}, is refused outright. Runs after authentication and role checks, so a
 * refusal here is audited with the caller's name.
 */
@Provider
public class CrossSiteGuard implements ContainerRequestFilter {
    private static final List<String> SAFE_METHODS = List.of("GET", "HEAD", "OPTIONS");

    @ConfigProperty(name = "flapguard.security.allowed-origins")
    Optional<List<String>> allowedOrigins;

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String problem = problem(request);
        if (problem != null) {
            request.abortWith(Refusals.refuse(403, "cross-site request refused: " + problem));
        }
    }

    private String problem(ContainerRequestContext request) {
        if ("cross-site".equalsIgnoreCase(request.getHeaderString("Sec-Fetch-Site"))) {
            return "the browser marked it cross-site";
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !origin.equals(ownOrigin(request))
                && !allowedOrigins.orElse(List.of()).contains(origin)) {
            return "Origin " + origin + " is not this service (flapguard.security.allowed-origins)";
        }
        MediaType type = request.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return "changes must be sent with Content-Type: application/json (a JSON body, {} when empty)";
        }
        return null;
    }

    private static String ownOrigin(ContainerRequestContext request) {
        String host = request.getHeaderString(HttpHeaders.HOST);
        return request.getUriInfo().getBaseUri().getScheme() + "://" + host;
    }
}
