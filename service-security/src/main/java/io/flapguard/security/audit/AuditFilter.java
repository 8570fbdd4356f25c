package io.flapguard.security.audit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;

/**
 * Turns every answered call of an {@link Audited} method into an audit record: who (the authenticated name or
 * {@code anonymous}), the action and target, the reason noted by the method, the status and, for refusals, the
 * one-line answer. Response filters also see answers made by the security checks and the cross-site guard, so
 * refused attempts are recorded like accepted ones.
 */
@Provider
public class AuditFilter implements ContainerResponseFilter {
    @Context
    ResourceInfo resource;

    @Inject
    AuditNote note;

    @Inject
    AuditTrail trail;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Method method = resource.getResourceMethod();
        Audited audited = method == null ? null : method.getAnnotation(Audited.class);
        if (audited == null) {
            return;
        }
        String target = note.target() != null || audited.target().isEmpty() ? note.target()
                : request.getUriInfo().getPathParameters().getFirst(audited.target());
        int status = response.getStatus();
        String detail = status >= 400 && response.getEntity() instanceof String s ? s.strip() : null;
        trail.record(who(request), audited.value(), target, note.reason(), status, detail);
    }

    private static String who(ContainerRequestContext request) {
        try {
            Principal p = request.getSecurityContext().getUserPrincipal();
            return p == null || p.getName() == null || p.getName().isEmpty() ? "anonymous" : p.getName();
        } catch (RuntimeException e) {
            return "anonymous"; // authentication itself failed
        }
    }
}
