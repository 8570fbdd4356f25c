package io.flapguard.security.audit;

/**
 * The JSON body of an operator action: {@code {"reason": "..."}}, or {@code {}}. Actions take a JSON body so that
 * a browser cannot send them cross-site without a preflight (see {@code CrossSiteGuard}).
 */
public record ActionRequest(String reason) {
    /** The reason, stripped; null when absent or blank (also for a missing body). */
    public static String reasonOf(ActionRequest body) {
        return body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().strip();
    }
}
