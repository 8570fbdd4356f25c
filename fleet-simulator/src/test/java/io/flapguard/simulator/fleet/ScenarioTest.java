package io.flapguard.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flapguard.simulator.router.RouterFault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioTest {

    @Test
    void seedCaseDescribesTheForumFleet() {
        Scenario seed = Scenario.load("seed-case");

        assertThat(seed.name()).isEqualTo("seed-case");
        assertThat(seed.groups()).extracting(Scenario.Group::name)
                .containsExactly("a09-upgraded", "a12-upgraded", "a09-poor-signal", "a09-old-router-fw");
        assertThat(seed.groups().get(0).serial(0)).isEqualTo("1117759001");
        assertThat(seed.model().isBad("RUTX_R_00.07.02.7", "EG12EAPAR01A09M4G")).isTrue();
        assertThat(seed.model().isBad("RUTX_R_00.07.02.7", "EG12EAPAR01A12M4G")).isFalse();
        assertThat(seed.model().isPoor(seed.groups().get(2).signal())).isTrue();
        assertThat(seed.events()).extracting(Scenario.Event::type).contains(Scenario.EventType.OPERATOR_OUTAGE);
        assertThat(seed.compression()).isEqualTo(360.0);
    }

    @Test
    void stuckFlashPutsTheFaultOnMostFlappingRouters() {
        Scenario stuck = Scenario.load("stuck-flash");

        Scenario.Group group = stuck.groups().get(0);
        assertThat(group.faults()).containsExactly(RouterFault.FLASH_STUCK);
        assertThat(group.count()).isGreaterThan(stuck.groups().get(1).count());
    }

    @Test
    void generatedFleetHasTheRequestedSizeAndAMix() {
        Scenario generated = Scenario.generated(200, 42);

        assertThat(generated.routerCount()).isEqualTo(200);
        assertThat(generated.groups()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(generated.events()).extracting(Scenario.Event::type)
                .contains(Scenario.EventType.ROUTER_FIRMWARE_UPGRADE, Scenario.EventType.OPERATOR_OUTAGE);
    }

    @Test
    void aFileOnDiskLoadsWithDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, "name: mine\ngroups:\n  - {name: g, count: 2}\n");

        Scenario mine = Scenario.load(file.toString());

        assertThat(mine.routerCount()).isEqualTo(2);
        assertThat(mine.statusPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(mine.secondsPerSimulatedDay()).isEqualTo(240.0);
    }

    @Test
    void badFilesFailWithOneLineNamingTheProblem() {
        assertThat(error("groups:\n  - {name: g, countt: 2}\n")).isEqualTo("t.yaml: unknown field 'countt' at groups[0].countt (line 2)");
        assertThat(error("groups:\n  - {name: g, modemFirmware: EG12-A09}\n"))
                .isEqualTo("t.yaml: groups[0] (g).modemFirmware 'EG12-A09' is not a Quectel firmware revision like EG12EAPAR01A09M4G");
        assertThat(error("groups:\n  - {name: g}\nevents:\n  - {at: PT1H, type: router-firmware-upgrade, group: h, firmware: RUTX_R_00.07.02.7}\n"))
                .isEqualTo("t.yaml: events[0]: group 'h' is not defined");
        assertThat(error("groups:\n  - {name: g}\nevents:\n  - {at: PT1H, type: meteor}\n")).startsWith("t.yaml: ").contains("meteor").contains("events[0].type");
        assertThat(error("groups:\n  - {name: a, count: 2}\n  - {name: b, count: 1, serialStart: 1}\n"))
                .isEqualTo("t.yaml: groups[1] (b): serial 1100000001 is used twice; give groups distinct serialPrefix/serialStart");
        assertThat(error("groups: [\n")).startsWith("t.yaml: not valid YAML/JSON");
        assertThat(error("name: empty\n")).isEqualTo("t.yaml: a scenario needs at least one group of routers");
        assertThatThrownBy(() -> Scenario.load("no-such-scenario"))
                .hasMessage("no-such-scenario: no such scenario file and no built-in scenario of that name (built-in: seed-case, stuck-flash)");
    }

    private static String error(String yaml) {
        try {
            Scenario.parse(yaml.getBytes(StandardCharsets.UTF_8), "t.yaml");
        } catch (ScenarioException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + yaml);
    }
}
