package io.flapguard.quality;

import io.flapguard.quality.fleet.FleetGenerator;
import io.flapguard.quality.run.QualityRun;
import io.flapguard.quality.run.RunResult;
import io.flapguard.wire.WireCodec;
import io.flapguard.wire.WireMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Not part of {@code verify} (no surefire pattern matches the name): prints a SHA-256 of every command and diagnosis
 * the analyzer produced for fixed seeds, in order, with the simulated time each came out. A change meant to leave
 * the analyzer's decisions alone (a performance change) must print the same lines before and after:
 * {@code ./mvnw -B -o verify -pl diagnosis-quality -am -Dtest=OutputDigest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OutputDigest {

    @Test
    void printDigests() throws Exception {
        for (long seed : new long[] {1, 12}) {
            RunResult r = QualityRun.run(FleetGenerator.generate(seed));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (RunResult.Issued<? extends WireMessage> c : r.commands()) {
                sha.update((c.atMs() + " " + WireCodec.encodeToString(c.value()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (RunResult.Issued<? extends WireMessage> d : r.diagnoses()) {
                sha.update((d.atMs() + " " + WireCodec.encodeToString(d.value()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            System.out.printf("DIGEST seed=%d commands=%d diagnoses=%d sha256=%s%n", seed, r.commands().size(),
                    r.diagnoses().size(), HexFormat.of().formatHex(sha.digest()));
        }
    }
}
