package io.flapguard.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 answers with a one-line reason. No {@code WWW-Authenticate: Basic} challenge: a browser would then
 * prompt, cache the credentials and send them on later (cross-site) requests.
 */
public class Refusals {
    public static final String UNAUTHENTICATED = "authentication required: send an OIDC bearer token or basic "
            + "credentials of a FlapGuard user";

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return refuse(401, UNAUTHENTICATED);
    }

    @ServerExceptionMapper
    public Response failed(AuthenticationFailedException e) {
        return refuse(401, "authentication failed: wrong user name or password, or an invalid token");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource) {
        RolesAllowed roles = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        return refuse(403, roles == null ? "forbidden: your roles do not allow this"
                : "forbidden: this needs role " + String.join(" or ", Arrays.asList(roles.value())));
    }

    /** A refusal: the status and one line of text. */
    public static Response refuse(int status, String reason) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(reason + "\n").build();
    }
}
