package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A firmware cohort: routers that share router model, router firmware, modem model and modem firmware. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cohort(String routerModel, String routerFirmware, String modemModel, String modemFirmware) {

    /** One string for maps and metrics; unknown parts read {@code ?}. */
    @JsonIgnore
    public String key() {
        return part(routerModel) + "|" + part(routerFirmware) + "|" + part(modemModel) + "|" + part(modemFirmware);
    }

    private static String part(String s) {
        return s == null ? "?" : s;
    }
}
