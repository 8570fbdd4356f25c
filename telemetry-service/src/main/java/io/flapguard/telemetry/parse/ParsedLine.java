package io.flapguard.telemetry.parse;

import io.flapguard.wire.EventKind;
import java.time.Instant;

/**
 * What one log line says, before it is placed and given an id.
 *
 * @param routerTime    wall-clock time written in the line (syslog, events), else null
 * @param kernelMicros  dmesg's microseconds since boot, or -1 when the line has none
 */
public record ParsedLine(EventKind kind, Instant routerTime, long kernelMicros, String modem,
        Integer usbDeviceNumber, String fromFirmware, String toFirmware, String detail) {

    static final ParsedLine UNCLASSIFIED = new ParsedLine(EventKind.UNCLASSIFIED, null, -1, null, null, null, null,
            null);

    static ParsedLine of(EventKind kind) {
        return new ParsedLine(kind, null, -1, null, null, null, null, null);
    }

    ParsedLine withRouterTime(Instant time) {
        return new ParsedLine(kind, time, kernelMicros, modem, usbDeviceNumber, fromFirmware, toFirmware, detail);
    }

    ParsedLine withKernelMicros(long micros) {
        return new ParsedLine(kind, routerTime, micros, modem, usbDeviceNumber, fromFirmware, toFirmware, detail);
    }
}
