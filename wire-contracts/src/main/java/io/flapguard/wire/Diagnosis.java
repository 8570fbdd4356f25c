package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A router's diagnosis, published on {@link Topics#DIAGNOSES} whenever it changes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Diagnosis(
        int v,
        String serial,
        FlapState state,
        Cause cause,
        double confidence,
        Cohort cohort,
        Evidence evidence,
        Instant at) implements WireMessage {

    @Override
    public void validate() {
        String r = "Diagnosis";
        Check.version(r, v);
        Check.serial(r, serial);
        Check.present(r, "state", state);
        Check.present(r, "cause", cause);
        Check.present(r, "at", at);
        Check.range(r, "confidence", confidence, 0, 1);
    }
}
