package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One router log line, normalised.
 *
 * @param id              stable id of (serial, source, line, placement) so redelivered lines dedupe
 * @param time            event time on the wall clock (kernel stamps placed via sent_at/uptime)
 * @param receivedAt      when telemetry-service received the MQTT message
 * @param clockFault      true when the router's time was implausible and {@code time} is the receive time
 * @param modem           internal / external / primary / secondary, when the line names one
 * @param usbDeviceNumber the modem's USB device number on disconnect/attach lines
 * @param fromFirmware    old modem firmware on {@link EventKind#MODEM_FIRMWARE_UPDATED}
 * @param toFirmware      new modem firmware on {@link EventKind#MODEM_FIRMWARE_UPDATED}
 * @param detail          operator name or network type, when the line carries one
 * @param line            the raw line (at most 4 KiB)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouterEvent(
        int v,
        String id,
        String serial,
        LogSource source,
        EventKind kind,
        Instant time,
        Instant receivedAt,
        boolean clockFault,
        String modem,
        Integer usbDeviceNumber,
        String fromFirmware,
        String toFirmware,
        String detail,
        String line) implements TelemetryMessage {

    public static final int MAX_LINE_CHARS = 4096;

    @Override
    public void validate() {
        String r = "RouterEvent";
        Check.version(r, v);
        Check.present(r, "id", id);
        Check.serial(r, serial);
        Check.present(r, "source", source);
        Check.present(r, "kind", kind);
        Check.present(r, "time", time);
        Check.present(r, "receivedAt", receivedAt);
        Check.present(r, "line", line);
        if (line.length() > MAX_LINE_CHARS) {
            throw new WireFormatException(r + ": field 'line' is longer than " + MAX_LINE_CHARS + " characters");
        }
    }
}
