package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.FleetTimeline;
import java.util.ArrayList;
import java.util.List;

/** The seed fleet for tests outside this package. */
public final class SeedScenarioTestAccess {
    private SeedScenarioTestAccess() {
    }

    public static FleetTimeline seedFleet(List<String> flapping) {
        return SeedScenarioTest.seedFleet(flapping, new ArrayList<>());
    }
}
