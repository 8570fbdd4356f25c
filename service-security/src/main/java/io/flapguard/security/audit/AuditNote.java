package io.flapguard.security.audit;

import jakarta.enterprise.context.RequestScoped;

/** What a resource method adds to its request's audit record: the reason the person gave. */
@RequestScoped
public class AuditNote {
    private String reason;

    public void reason(String reason) {
        this.reason = reason == null || reason.isBlank() ? null : reason.strip();
    }

    public String reason() {
        return reason;
    }
}
