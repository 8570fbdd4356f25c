package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One attempt by a person (or a client acting for one) to change what FlapGuard does, on {@link Topics#AUDIT}:
 * accepted or refused. Refused attempts are kept too, so probing and mistakes show up.
 *
 * @param id      stable id of this record
 * @param who     the authenticated principal, or {@code anonymous}
 * @param service the service that took the request (updater-service, analyzer-service, ...)
 * @param action  what was asked, dotted lower case (e.g. {@code rollout.resume}, {@code catalog.promote})
 * @param target  what it was asked of (a rollout id, a catalog entry), or null
 * @param reason  the reason the person gave, or null
 * @param outcome what happened
 * @param status  the HTTP status answered
 * @param detail  one line: why it was refused or rejected, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRecord(
        int v,
        String id,
        Instant at,
        String who,
        String service,
        String action,
        String target,
        String reason,
        Outcome outcome,
        int status,
        String detail) implements WireMessage {

    /** Longest reason or detail kept; a reason is a sentence, not a document. */
    public static final int MAX_TEXT = 500;

    /** How an attempt ended. */
    public enum Outcome {
        /** done */
        ACCEPTED,
        /** not authenticated, not allowed, or a cross-site request */
        REFUSED,
        /** allowed, but the request was wrong (missing reason) or the target not in a state that allows it */
        REJECTED;

        /** The outcome an HTTP status means. */
        public static Outcome ofStatus(int status) {
            if (status == 401 || status == 403) {
                return REFUSED;
            }
            return status < 400 ? ACCEPTED : REJECTED;
        }
    }

    public static AuditRecord of(Instant at, String who, String service, String action, String target, String reason,
            int status, String detail) {
        return new AuditRecord(SCHEMA_VERSION, UUID.randomUUID().toString(), at, oneLine(who, 200), service,
                action, oneLine(target, 200), oneLine(reason, MAX_TEXT), Outcome.ofStatus(status), status,
                oneLine(detail, MAX_TEXT));
    }

    /** Caller-supplied text (a path parameter, a reason) must not forge extra lines in logs or reports. */
    private static String oneLine(String s, int max) {
        return s == null ? null : Text.shorten(s.replaceAll("\\p{Cntrl}", " "), max);
    }

    @Override
    public void validate() {
        String r = "AuditRecord";
        Check.version(r, v);
        Check.present(r, "id", id);
        Check.present(r, "at", at);
        Check.present(r, "who", who);
        Check.present(r, "action", action);
        Check.present(r, "outcome", outcome);
        Check.range(r, "status", status, 100, 599);
    }
}
