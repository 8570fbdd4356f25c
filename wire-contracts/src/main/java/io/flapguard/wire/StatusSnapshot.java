package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A router's status at one moment. {@code partial} snapshots (Teltonika's own publishers) carry only
 * some fields; consumers merge them over what they knew.
 *
 * @param format where it came from: {@code agent-json}, {@code webui-text}, {@code mqtt-publisher},
 *               {@code data-to-server}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusSnapshot(
        int v,
        String id,
        String serial,
        Instant time,
        Instant receivedAt,
        boolean clockFault,
        boolean partial,
        String format,
        String routerModel,
        String productCode,
        String routerFirmware,
        String modemModel,
        String modemFirmware,
        String operator,
        String networkState,
        String networkType,
        String band,
        DataState dataState,
        Integer rssi,
        Integer rsrp,
        Double rsrq,
        Double sinr,
        Long uptimeSeconds,
        Double temperatureC,
        String wanIp) implements TelemetryMessage {

    @Override
    public void validate() {
        String r = "StatusSnapshot";
        Check.version(r, v);
        Check.present(r, "id", id);
        Check.serial(r, serial);
        Check.present(r, "time", time);
        Check.present(r, "receivedAt", receivedAt);
        Check.range(r, "rssi", rssi, -150, 0);
        Check.range(r, "rsrp", rsrp, -160, 0);
        Check.range(r, "rsrq", rsrq, -40, 10);
        Check.range(r, "sinr", sinr, -30, 50);
    }

    /** The firmware cohort this snapshot puts the router in (fields may be null on partial snapshots). */
    public Cohort cohort() {
        return new Cohort(routerModel, routerFirmware, modemModel, modemFirmware);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds snapshots field by field; parsers fill what their format carries. */
    public static final class Builder {
        private int v = SCHEMA_VERSION;
        private String id;
        private String serial;
        private Instant time;
        private Instant receivedAt;
        private boolean clockFault;
        private boolean partial;
        private String format;
        private String routerModel;
        private String productCode;
        private String routerFirmware;
        private String modemModel;
        private String modemFirmware;
        private String operator;
        private String networkState;
        private String networkType;
        private String band;
        private DataState dataState;
        private Integer rssi;
        private Integer rsrp;
        private Double rsrq;
        private Double sinr;
        private Long uptimeSeconds;
        private Double temperatureC;
        private String wanIp;

        public Builder v(int v) {
            this.v = v;
            return this;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder serial(String serial) {
            this.serial = serial;
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder receivedAt(Instant receivedAt) {
            this.receivedAt = receivedAt;
            return this;
        }

        public Builder clockFault(boolean clockFault) {
            this.clockFault = clockFault;
            return this;
        }

        public Builder partial(boolean partial) {
            this.partial = partial;
            return this;
        }

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder routerModel(String routerModel) {
            this.routerModel = routerModel;
            return this;
        }

        public Builder productCode(String productCode) {
            this.productCode = productCode;
            return this;
        }

        public Builder routerFirmware(String routerFirmware) {
            this.routerFirmware = routerFirmware;
            return this;
        }

        public Builder modemModel(String modemModel) {
            this.modemModel = modemModel;
            return this;
        }

        public Builder modemFirmware(String modemFirmware) {
            this.modemFirmware = modemFirmware;
            return this;
        }

        public Builder operator(String operator) {
            this.operator = operator;
            return this;
        }

        public Builder networkState(String networkState) {
            this.networkState = networkState;
            return this;
        }

        public Builder networkType(String networkType) {
            this.networkType = networkType;
            return this;
        }

        public Builder band(String band) {
            this.band = band;
            return this;
        }

        public Builder dataState(DataState dataState) {
            this.dataState = dataState;
            return this;
        }

        public Builder rssi(Integer rssi) {
            this.rssi = rssi;
            return this;
        }

        public Builder rsrp(Integer rsrp) {
            this.rsrp = rsrp;
            return this;
        }

        public Builder rsrq(Double rsrq) {
            this.rsrq = rsrq;
            return this;
        }

        public Builder sinr(Double sinr) {
            this.sinr = sinr;
            return this;
        }

        public Builder uptimeSeconds(Long uptimeSeconds) {
            this.uptimeSeconds = uptimeSeconds;
            return this;
        }

        public Builder temperatureC(Double temperatureC) {
            this.temperatureC = temperatureC;
            return this;
        }

        public Builder wanIp(String wanIp) {
            this.wanIp = wanIp;
            return this;
        }

        public StatusSnapshot build() {
            return new StatusSnapshot(v, id, serial, time, receivedAt, clockFault, partial, format, routerModel, productCode, routerFirmware, modemModel, modemFirmware, operator, networkState, networkType, band, dataState, rssi, rsrp, rsrq, sinr, uptimeSeconds, temperatureC, wanIp);
        }
    }
}
