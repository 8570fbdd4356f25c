package io.flapguard.quality.debug;

import io.flapguard.quality.fleet.Fleet;
import io.flapguard.quality.fleet.FleetGenerator;
import io.flapguard.quality.fleet.RouterTruth;
import io.flapguard.quality.fleet.TrueCause;
import io.flapguard.quality.run.QualityRun;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RemediationCommand;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "debug.seeds", matches = ".+")
class DebugSeed {
    @Test
    void dump() {
        for (String seedText : System.getProperty("debug.seeds").split(",")) {
            long seed = Long.parseLong(seedText);
            Fleet fleet = FleetGenerator.generate(seed);
            var run = QualityRun.run(fleet);
            Set<String> commanded = new HashSet<>();
            for (var c : run.commands()) {
                commanded.add(c.value().serial());
            }
            Map<String, Diagnosis> last = new HashMap<>();
            Map<String, Integer> firmwareDiag = new HashMap<>();
            for (var d : run.diagnoses()) {
                last.put(d.value().serial(), d.value());
                if (d.value().cause() == io.flapguard.wire.Cause.FIRMWARE) {
                    firmwareDiag.merge(d.value().serial(), 1, Integer::sum);
                }
            }
            for (RouterTruth t : run.fleet().truth().values()) {
                boolean fw = t.cause() == TrueCause.FIRMWARE && !t.externallyFixed() && t.firmwareIncidents().size() >= 3;
                boolean cmd = commanded.contains(t.serial());
                if (fw != cmd || (fw && !t.agent())) {
                    Diagnosis d = last.get(t.serial());
                    if (fw == cmd && t.agent()) continue;
                    System.out.printf("seed %d %s truth=%s agent=%s fwInc=%d cmd=%s profile=%s%n   last=%s %s %.2f decided=%s m=%s d=%s r=%s o=%s p=%s kl=%s impl=%s note=%s%n",
                            seed, t.serial(), t.cause(), t.agent(), t.firmwareIncidents().size(), cmd, t.profile(),
                            d == null ? "-" : d.state(), d == null ? "-" : d.cause(), d == null ? 0 : d.confidence(),
                            d == null ? "-" : d.evidence().decidedBy(), d == null ? "-" : d.evidence().modemSideIncidents(),
                            d == null ? "-" : d.evidence().dataIncidents(), d == null ? "-" : d.evidence().radioIncidents(),
                            d == null ? "-" : d.evidence().operatorIncidents(), d == null ? "-" : d.evidence().powerIncidents(),
                            d == null ? "-" : d.evidence().kernelLog(), d == null ? "-" : d.evidence().cohortImplicated(),
                            d == null ? "-" : d.evidence().note());
                }
            }
        }
    }
}
