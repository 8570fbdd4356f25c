package io.flapguard.analyzer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flapguard.analyzer.domain.RouterState;
import io.flapguard.wire.Diagnosis;
import java.time.Instant;
import java.util.List;

/** A router as the REST API shows it: its diagnosis with evidence, its command and its verification. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouterView(String serial, Diagnosis diagnosis, OpenCommand openCommand, Verification verification,
        List<String> issuedTargets, int incidentsTotal) {

    public record OpenCommand(String serial, String commandId, String targetFirmware, Instant issuedAt) {
    }

    public record Verification(String serial, String targetFirmware, Instant since, String outcome, Instant decidedAt) {
    }

    static OpenCommand openCommand(String serial, RouterState s) {
        var c = s.commands();
        return c.openId() == null ? null
                : new OpenCommand(serial, c.openId(), c.openTarget(), Instant.ofEpochMilli(c.openIssuedAt()));
    }

    static Verification verification(String serial, RouterState s) {
        var v = s.verification();
        return v.target() == null ? null
                : new Verification(serial, v.target(), Instant.ofEpochMilli(v.start()),
                        v.outcome().name().toLowerCase(),
                        v.decidedAt() == 0 ? null : Instant.ofEpochMilli(v.decidedAt()));
    }
}
