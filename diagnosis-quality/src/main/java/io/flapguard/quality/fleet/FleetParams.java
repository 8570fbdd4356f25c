package io.flapguard.quality.fleet;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Every proportion of one generated fleet, drawn per seed over wide ranges so that no single shape of fleet
 * can be learned. The ranges are documented in docs/diagnosis-quality.md.
 */
public record FleetParams(
        long seed,
        int routers,
        int days,
        double eg06Share,
        double rg501qShare,
        double eg12BadShare,
        double eg06BadShare,
        double newRouterFwShare,
        double midWindowUpgradeShare,
        double flappingShare,
        double minFlapsPerDay,
        double maxFlapsPerDay,
        double poorSignalShare,
        int operators,
        int maxOutagesPerOperator,
        double powerFlakyShare,
        double rareRebootShare,
        double agentlessShare,
        double externalFixShare,
        double isolatedDropShare,
        double wiredWanShare,
        double statusQueueShare,
        double backhaulOutageShare,
        double duplicateShare,
        double lateShare,
        int noiseMessages,
        double slowFlapperShare,
        double modemResetShare,
        double modemResetsPerDay,
        double faultyModemShare) {

    public static FleetParams draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double minFlaps = between(r, 2, 5);
        return new FleetParams(seed,
                r.nextInt(80, 401),
                r.nextInt(6, 11),
                between(r, 0.15, 0.45),
                between(r, 0.0, 0.10),
                between(r, 0.15, 0.55),
                between(r, 0.15, 0.55),
                between(r, 0.30, 0.90),
                between(r, 0.10, 0.50),
                between(r, 0.60, 1.00),
                minFlaps,
                between(r, Math.max(minFlaps + 1, 6), 12),
                between(r, 0.03, 0.15),
                r.nextInt(1, 4),
                r.nextInt(0, 4),
                between(r, 0.01, 0.05),
                between(r, 0.05, 0.20),
                between(r, 0.0, 0.10),
                between(r, 0.0, 0.10),
                between(r, 0.05, 0.25),
                between(r, 0.10, 0.40),
                between(r, 0.01, 0.05),
                between(r, 0.02, 0.08),
                between(r, 0.002, 0.02),
                between(r, 0.005, 0.03),
                r.nextInt(3, 20),
                // drawn last so that the proportions above stay what they were before these existed
                between(r, 0.0, 0.30),
                between(r, 0.05, 0.30),
                between(r, 1 / 30d, 1 / 5d),
                between(r, 0.0, 0.02));
    }

    /** The same proportions on a fleet of another size (smaller fleets for fast tests). */
    public FleetParams resized(int routerCount, int dayCount) {
        return new FleetParams(seed, routerCount, dayCount, eg06Share, rg501qShare, eg12BadShare, eg06BadShare,
                newRouterFwShare, midWindowUpgradeShare, flappingShare, minFlapsPerDay, maxFlapsPerDay, poorSignalShare,
                operators, maxOutagesPerOperator, powerFlakyShare, rareRebootShare, agentlessShare, externalFixShare,
                isolatedDropShare, wiredWanShare, statusQueueShare, backhaulOutageShare, duplicateShare, lateShare,
                noiseMessages, slowFlapperShare, modemResetShare, modemResetsPerDay, faultyModemShare);
    }

    private static double between(SplittableRandom r, double lo, double hi) {
        return lo + r.nextDouble() * (hi - lo);
    }

    /** One line for reports. */
    public String describe() {
        return String.format(Locale.ROOT, "seed %d: %d routers, %d days; EG06 %.0f%%, RG501Q %.0f%%; bad EG12 %.0f%%, "
                        + "bad EG06 %.0f%%, flapping in bad %.0f%%, %.1f-%.1f flaps/day (%.0f%% at 1-2); "
                        + "poor signal %.0f%%; %d operators (<=%d outages each); agent-less %.0f%%; power-flaky %.0f%%; "
                        + "modem resets on %.0f%% (%.2f/day), faulty modems %.1f%%; late %.1f%%, duplicates %.1f%%",
                seed, routers, days, 100 * eg06Share, 100 * rg501qShare, 100 * eg12BadShare, 100 * eg06BadShare,
                100 * flappingShare, minFlapsPerDay, maxFlapsPerDay, 100 * slowFlapperShare, 100 * poorSignalShare,
                operators, maxOutagesPerOperator, 100 * agentlessShare, 100 * powerFlakyShare, 100 * modemResetShare,
                modemResetsPerDay, 100 * faultyModemShare, 100 * lateShare, 100 * duplicateShare);
    }
}
