package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flapguard.analyzer.TestConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemediationCatalogTest {
    static final String A09 = "EG12EAPAR01A09M4G";
    static final String A12 = "EG12EAPAR01A12M4G";
    static final String A14 = "EG12EAPAR01A14M4G";

    /** A12 stable over 40 router-days, A14 newer and stable, A09 flapping, another module's firmware. */
    static FleetFact.ModelFact fleet(int a14FailedToFix) {
        return new FleetFact.ModelFact("EG12", List.of(
                new FleetFact.FirmwareFact(A09, 120, 40, 3.0, 20, 18, 0, 0),
                new FleetFact.FirmwareFact(A12, 2, 40, 0.05, 20, 0, 3, 0),
                new FleetFact.FirmwareFact(A14, 1, 35, 0.03, 18, 1, 0, a14FailedToFix),
                new FleetFact.FirmwareFact("EG25GGBR07A08M2G", 0, 400, 0.0, 200, 0, 0, 0)));
    }

    @Test
    void configuredEntryIsTheSeedsFix() {
        RemediationCatalog c = new RemediationCatalog(TestConfig.defaults().catalog());
        assertThat(c.targetFor("EG12", A09, null, null)).isEqualTo(new RemediationCatalog.Target(A12, "catalog"));
        assertThat(c.targetFor("EG12", A12, null, null)).as("nothing known for the good firmware").isNull();
    }

    @Test
    void learnedIsTheNewestStableFirmwareOfTheSameModuleAndOnlyActedOnWhenEnabled() {
        RemediationCatalog off = new RemediationCatalog(TestConfig.defaults().catalog());
        assertThat(off.learned(fleet(0), A09)).isEqualTo(A14);
        assertThat(off.learned(fleet(1), A09)).as("a failed fix without a verified one disqualifies").isEqualTo(A12);
        RemediationCatalog noEntries = new RemediationCatalog(TestConfig.with(Map.of("catalog.entries",
                "EG25:EG25GGBR07A07M2G=EG25GGBR07A08M2G")).catalog());
        assertThat(noEntries.targetFor("EG12", A09, fleet(0), null)).isNull();
        RemediationCatalog on = new RemediationCatalog(TestConfig.with(Map.of("catalog.entries",
                "EG25:EG25GGBR07A07M2G=EG25GGBR07A08M2G", "catalog.learned-enabled", "true")).catalog());
        assertThat(on.targetFor("EG12", A09, fleet(0), null)).isEqualTo(new RemediationCatalog.Target(A14, "learned"));
    }

    @Test
    void aPromotedEntryDrivesCommandsWithoutEnablingEveryLearnedTarget() {
        RemediationCatalog c = new RemediationCatalog(TestConfig.with(Map.of("catalog.entries",
                "EG25:EG25GGBR07A07M2G=EG25GGBR07A08M2G")).catalog());
        FleetFact.Promotion promoted = new FleetFact.Promotion("EG12", A09, A12, "alice",
                java.time.Instant.parse("2026-12-01T10:00:00Z"), "learned suggestion checked");
        assertThat(c.targetFor("EG12", A09, fleet(0), promoted)).isEqualTo(new RemediationCatalog.Target(A12, "promoted"));
        FleetFact.Promotion otherModule = new FleetFact.Promotion("EG12", A09, "EG25GGBR07A08M2G", "alice",
                java.time.Instant.parse("2026-12-01T10:00:00Z"), "wrong module");
        assertThat(c.targetFor("EG12", A09, fleet(0), otherModule)).as("never across module prefixes").isNull();
    }

    @Test
    void aLearnedTargetIsNeverOlderThanTheCurrentFirmware() {
        RemediationCatalog c = new RemediationCatalog(TestConfig.defaults().catalog());
        assertThat(c.learned(fleet(0), A14)).as("A12 is stable but older than A14").isNull();
    }

    @Test
    void rejectsEntriesAcrossModulesOrMalformed() {
        assertThatThrownBy(() -> new RemediationCatalog(TestConfig.with(Map.of("catalog.entries",
                "EG12:EG12EAPAR01A09M4G=EG25GGBR07A08M2G")).catalog())).hasMessageContaining("module prefix");
        assertThatThrownBy(() -> new RemediationCatalog(TestConfig.with(Map.of("catalog.entries",
                "EG12EAPAR01A09M4G")).catalog())).hasMessageContaining("MODEL:BAD=GOOD");
    }
}
