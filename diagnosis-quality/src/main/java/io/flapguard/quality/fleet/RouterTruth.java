package io.flapguard.quality.fleet;

import java.util.List;

/**
 * The ground truth of one generated router, known only to the generator and the scorer.
 *
 * @param firmwareIncidents when its firmware made the modem drop (first re-enumeration of each flap), in order
 * @param visibleFirmwareIncidents those of them its published data shows at all: every one for an agent router (its
 *                          kernel and events logs), for an agent-less router only those a Data to Server record was
 *                          taken during (a 30–150 s flap between two records 2–5 min apart leaves no trace)
 * @param externalFixAtMs   when someone else flashed the good firmware (-1: never)
 * @param knownFix          a good firmware exists for its modem family (in the generator's world)
 * @param profile           a short tag of how it was generated, for reports
 */
public record RouterTruth(
        String serial,
        TrueCause cause,
        ModemFamily family,
        String routerModel,
        boolean agent,
        boolean poorSignal,
        boolean knownFix,
        List<Long> firmwareIncidents,
        List<Long> visibleFirmwareIncidents,
        long externalFixAtMs,
        String profile) {

    public boolean externallyFixed() {
        return externalFixAtMs >= 0;
    }
}
