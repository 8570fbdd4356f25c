package io.flapguard.simulator.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModemFirmwareNameTest {
    @Test
    void readsEg12AndEg06NamesWithTheirModuleReleaseAndBuild() {
        ModemFirmwareName eg12 = new ModemFirmwareName("EG12EAPAR01A09M4G");
        ModemFirmwareName eg06 = new ModemFirmwareName("EG06ELAR04A20M4G");
        assertThat(eg12.moduleVariant()).isEqualTo("EG12EAPA");
        assertThat(eg06.moduleVariant()).isEqualTo("EG06ELAR");
        assertThat(eg12.restricted()).isFalse();
        assertThat(eg06.restricted()).isTrue();
        assertThat(eg12.compareTo(new ModemFirmwareName("EG12EAPAR01A12M4G"))).isNegative();
        assertThat(ModemFirmwareName.findIn("/tmp/flapguard-fw/EG06ELAR04A20M4G/")).contains(eg06);
        assertThat(ModemFirmwareName.parse("EG06ELAR04")).isEmpty();
    }
}
