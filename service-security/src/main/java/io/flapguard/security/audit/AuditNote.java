package io.flapguard.security.audit;

import jakarta.enterprise.context.RequestScoped;

/**
 * What a resource method adds to its request's audit record: the reason the person gave, and the target when it
 * is in the body rather than a path parameter.
 */
@RequestScoped
public class AuditNote {
    private String reason;
    private String target;

    public void target(String target) {
        this.target = target;
    }

    public String target() {
        return target;
    }

    public void reason(String reason) {
        this.reason = reason == null || reason.isBlank() ? null : reason.strip();
    }

    public String reason() {
        return reason;
    }
}
