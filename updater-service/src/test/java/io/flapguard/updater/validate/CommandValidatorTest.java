package io.flapguard.updater.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flapguard.updater.testing.Commands;
import io.flapguard.wire.RemediationCommand;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CommandValidatorTest {
    static final String TARGET = "EG12EAPAR01A12M4G";
    final CommandValidator validator = new CommandValidator(Set.of(TARGET));

    static RemediationCommand command(String serial, String current, String target) {
        return Commands.command(serial, current, target);
    }

    @Test
    void acceptsAnAllowlistedTargetForTheSameModule() throws RefusedException {
        ValidatedCommand ok = validator.validate(command("1100223344", "EG12EAPAR01A09M4G", TARGET));
        assertThat(ok.target().value()).isEqualTo(TARGET);
        assertThat(ok.modulePrefix()).isEqualTo("EG12EAPA");
        assertThat(RouterCommands.updateOnline(ShellToken.of(ShellToken.Kind.USB_ID, "1-1"), ok.target()))
                .isEqualTo("modem_updater -i 1-1 -v EG12EAPAR01A12M4G");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A12; rm -rf /", "$(reboot)", "EG12EAPAR01A12M4G\nreboot", "EG12EAPAR01A12M4G'",
            "EG12EAPAR01A12M4G\"", "`reboot`", "EG12EAPAR01A12M4G;reboot", "EG12EAPAR01A12M4G|sh", "", " "})
    void refusesInjectedTargets(String target) {
        assertThatThrownBy(() -> validator.validate(command("1100223344", "EG12EAPAR01A09M4G", target)))
                .isInstanceOf(RefusedException.class).hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1100; reboot", "$(id)", "a b", "x\ny", "'", "`id`"})
    void refusesInjectedSerials(String serial) {
        assertThatThrownBy(() -> validator.validate(command(serial, "EG12EAPAR01A09M4G", TARGET)))
                .isInstanceOf(RefusedException.class);
    }

    @Test
    void refusesTargetsOutsideTheAllowlistOrForAnotherModule() {
        assertThatThrownBy(() -> validator.validate(command("1100223344", "EG12EAPAR01A09M4G", "EG12EAPAR01A14M4G")))
                .hasMessageContaining("allowed-targets");
        CommandValidator wide = new CommandValidator(Set.of("EG06ELAR04A20M4G"));
        assertThatThrownBy(() -> wide.validate(command("1100223344", "EG12EAPAR01A09M4G", "EG06ELAR04A20M4G")))
                .hasMessageContaining("another module");
    }

    @Test
    void refusesDowngradesAndCommandsThatDoNotSayWhatTheModemRuns() {
        CommandValidator both = new CommandValidator(Set.of(TARGET, "EG12EAPAR01A09M4G"));
        assertThatThrownBy(() -> both.validate(command("1100223344", TARGET, "EG12EAPAR01A09M4G")))
                .isInstanceOf(RefusedException.class).hasMessageContaining("older than")
                .satisfies(e -> assertThat(((RefusedException) e).reason()).isEqualTo(RefusalReason.DOWNGRADE));
        assertThatThrownBy(() -> both.validate(command("1100223344", null, TARGET)))
                .hasMessageContaining("currentFirmware");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-1; reboot", "$(reboot)", "1-1\n", "1", "a-b", "1-1 -f"})
    void usbIdsArePlainNumbers(String id) {
        assertThatThrownBy(() -> ShellToken.of(ShellToken.Kind.USB_ID, id)).isInstanceOf(RefusedException.class);
    }

    @Test
    void usbIdsAsTheRouterPrintsThemPass() throws RefusedException {
        assertThat(ShellToken.of(ShellToken.Kind.USB_ID, "1-1").value()).isEqualTo("1-1");
        assertThat(ShellToken.of(ShellToken.Kind.USB_ID, "2-1.4").value()).isEqualTo("2-1.4");
        assertThat(ShellToken.of(ShellToken.Kind.MODEM_NUMBER, "0").value()).isEqualTo("0");
    }

    @Test
    void offlineFoldersStayBelowTheirRoot() throws RefusedException {
        OfflineFolders folders = new OfflineFolders("/tmp/flapguard-fw/");
        ShellToken folder = folders.forVersion(ShellToken.of(ShellToken.Kind.FIRMWARE, TARGET));
        assertThat(folder.value()).isEqualTo("/tmp/flapguard-fw/EG12EAPAR01A12M4G/");
        assertThat(RouterCommands.removeFolder(folder)).isEqualTo("rm -rf /tmp/flapguard-fw/EG12EAPAR01A12M4G/");
        assertThatThrownBy(() -> ShellToken.of(ShellToken.Kind.FOLDER, "/tmp/../etc/")).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> ShellToken.of(ShellToken.Kind.FOLDER, "/tmp/a b/")).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> new OfflineFolders("/etc/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouterCommands.removeFolder(ShellToken.of(ShellToken.Kind.FIRMWARE, TARGET)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
