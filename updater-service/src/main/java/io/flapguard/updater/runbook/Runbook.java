package io.flapguard.updater.runbook;

import io.flapguard.updater.ssh.ExecResult;
import io.flapguard.updater.ssh.HostKeyRefusedException;
import io.flapguard.updater.ssh.RouterSession;
import io.flapguard.updater.ssh.SshConnector;
import io.flapguard.updater.ssh.SshTarget;
import io.flapguard.updater.ssh.StepTimeoutException;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.updater.validate.PackageManifest;
import io.flapguard.updater.validate.RefusalReason;
import io.flapguard.updater.validate.RefusedException;
import io.flapguard.updater.validate.RouterCommands;
import io.flapguard.updater.validate.ShellToken;
import io.flapguard.updater.validate.ValidatedCommand;
import io.flapguard.wire.ResultStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Updates one router's modem over SSH, step by named step, and says how it ended. It never flashes a modem that
 * is already on the target, and after a flash may have started it only observes (waits, confirms), never flashes
 * again.
 */
public final class Runbook {
    private static final Logger LOG = Logger.getLogger(Runbook.class);
    /** The reason on the attention list for a modem found in EDL mode: another modem_updater run would not help. */
    public static final String DOWNLOAD_MODE_REASON = "modem in download mode: needs recovery";
    private static final String EDL_USB_ID = "05c6:9008";

    /** How much of the runbook to run. */
    public enum Mode {
        /** Everything. */
        UPDATE,
        /** Identify and list only; nothing is installed or flashed. */
        DRY_RUN,
        /** A flash may have been under way when we stopped: identify, then wait and confirm; never flash. */
        RECHECK_AFTER_FLASH
    }

    private final SshConnector connector;
    private final RunbookSettings settings;

    public Runbook(SshConnector connector, RunbookSettings settings) {
        this.connector = connector;
        this.settings = settings;
    }

    public Outcome run(ValidatedCommand command, SshTarget target, Mode mode, RunListener listener) {
        Run run = new Run(command, target, listener);
        try {
            return run.execute(mode);
        } catch (HostKeyRefusedException e) {
            return Outcome.hostKeyRefused(e.getMessage());
        } finally {
            run.close();
        }
    }

    /** One run against one router: holds the session and what we learned so far. */
    private final class Run {
        private final ValidatedCommand command;
        private final SshTarget target;
        private final RunListener listener;
        private final String serial;
        private RouterSession session;
        private Step step = Step.CONNECT;
        private String installed;
        /** Set once the flash command may have reached the router: from then on nothing is retried. */
        private boolean flashSent;

        Run(ValidatedCommand command, SshTarget target, RunListener listener) {
            this.command = command;
            this.target = target;
            this.listener = listener;
            this.serial = command.serial().value();
        }

        Outcome execute(Mode mode) throws HostKeyRefusedException {
            flashSent = mode == Mode.RECHECK_AFTER_FLASH;   // a flash may have been under way when we stopped
            try {
                begin(Step.CONNECT);
                session = connector.open(serial, target);
                Outcome identified = identify(mode);
                if (identified != null) {
                    return identified;
                }
                if (mode == Mode.RECHECK_AFTER_FLASH) {
                    return waitAndConfirm(false);
                }
                if (mode == Mode.DRY_RUN) {
                    return dryRun();
                }
                return update();
            } catch (StepTimeoutException e) {
                return lostContact(e.getMessage());
            } catch (IOException e) {
                return lostContact("ssh: " + oneLine(e));
            } catch (RefusedException e) {
                return Outcome.aborted(step, e.getMessage(), installed);
            }
        }

        /** Offline, refused or silent: recoverable before the flash command was sent, a case for a person after. */
        private Outcome lostContact(String why) {
            return flashSent ? Outcome.afterFlash(step, why, installed) : Outcome.recoverable(step, why, installed);
        }

        /** Returns an outcome when the run ends here, null to go on. */
        private Outcome identify(Mode mode) throws StepTimeoutException, IOException {
            begin(Step.IDENTIFY);
            ExecResult version = exec(RouterCommands.ROUTER_FIRMWARE, settings.commandTimeout());
            String routerFirmware = version.firstLine();
            if (!version.ok() || !routerFirmware.startsWith("RUTX")) {
                return Outcome.aborted(step, "not a RUTX router: /etc/version says '" + clip(routerFirmware) + "'", null);
            }
            ExecResult manufactured = exec(RouterCommands.ROUTER_SERIAL, settings.commandTimeout());
            if (!manufactured.ok() || !serial.equals(manufactured.firstLine().strip())) {
                return Outcome.refused(RefusalReason.SERIAL_MISMATCH, step, "router at " + target + " reports serial '"
                        + clip(manufactured.ok() ? manufactured.firstLine() : manufactured.errorLine())
                        + "' (mnf_info -s), the command is for " + serial + "; nothing changed", null);
            }
            if (mode != Mode.RECHECK_AFTER_FLASH && inDownloadMode()) {
                return Outcome.downloadMode(step, DOWNLOAD_MODE_REASON + " (lsusb lists " + EDL_USB_ID + ")", null);
            }
            ExecResult model = exec(RouterCommands.MODEM_MODEL, settings.commandTimeout());
            ExecResult firmware = exec(RouterCommands.MODEM_FIRMWARE, settings.commandTimeout());
            String modemFirmware = firmware.firstLine();
            if (!RouterOutput.answered(modemFirmware) || !firmware.ok()) {
                if (mode == Mode.RECHECK_AFTER_FLASH) {
                    return null;   // still flashing or restarting: wait for it below
                }
                return Outcome.aborted(step, "modem does not answer (gsmctl -y: " + clip(modemFirmware)
                        + "); it may be in download mode", null).needingAttention();
            }
            installed = modemFirmware;
            String modemModel = model.firstLine();
            if (command.modemModel() != null && RouterOutput.answered(modemModel) && !modemModel.equals(command.modemModel())) {
                return Outcome.aborted(step, "router has a " + clip(modemModel) + " modem, the command names "
                        + command.modemModel(), installed);
            }
            if (!modemFirmware.startsWith(command.modulePrefix())) {
                return Outcome.aborted(step, "modem runs " + clip(modemFirmware) + ", not a " + command.modulePrefix()
                        + " module", installed);
            }
            LOG.infof("%s: router %s, modem %s on %s, target %s", command.commandId(), clip(routerFirmware),
                    clip(modemModel), installed, command.target());
            if (modemFirmware.equals(command.target().value())) {
                if (mode == Mode.RECHECK_AFTER_FLASH) {
                    return null;   // the interrupted flash may have finished: confirm AT below
                }
                return Outcome.notNeeded(step, "modem already runs the target", installed);
            }
            if (mode == Mode.RECHECK_AFTER_FLASH) {
                return Outcome.afterFlash(step, "an update was interrupted and the modem still runs " + installed
                        + "; not flashing again without a person", installed);
            }
            if (!modemFirmware.equals(command.expectedCurrent().value())) {
                return Outcome.refused(RefusalReason.FIRMWARE_MISMATCH, step, "modem runs " + clip(modemFirmware)
                        + ", the command expects " + command.expectedCurrent() + "; nothing changed", installed);
            }
            try {
                CommandValidator.refuseDowngrade(modemFirmware, command.target().value());
            } catch (RefusedException e) {
                return Outcome.refused(e.reason(), step, e.getMessage(), installed);
            }
            return null;
        }

        /** True when lsusb lists the Qualcomm EDL id; false when it does not (or lsusb is missing). */
        private boolean inDownloadMode() throws StepTimeoutException, IOException {
            ExecResult usb = exec(RouterCommands.USB_DEVICES, settings.commandTimeout());
            return usb.ok() && usb.stdout().stream().anyMatch(l -> l.contains(EDL_USB_ID));
        }

        private Outcome dryRun() throws StepTimeoutException, IOException {
            begin(Step.ENSURE_TOOL);
            if (!exec(RouterCommands.FIND_MODEM_UPDATER, settings.commandTimeout()).ok()) {
                return Outcome.of(ResultStatus.DRY_RUN_PASSED, Step.IDENTIFY,
                        "identify passed; modem_updater not installed yet (a real run installs it)", installed);
            }
            begin(Step.LIST);
            ModemList list = ModemList.parse(exec(RouterCommands.MODEM_UPDATER_LIST, settings.commandTimeout()).stdout());
            if (list.modemFor(command.modulePrefix()).isEmpty()) {
                return Outcome.aborted(step, "modem_updater -g lists no " + command.modulePrefix() + " modem", installed);
            }
            if (!list.noInternet() && !list.available().contains(command.target().value())) {
                return Outcome.aborted(step, "target not offered by modem_updater -g", installed);
            }
            return Outcome.of(ResultStatus.DRY_RUN_PASSED, step,
                    list.noInternet() ? "identify and list passed; no WAN, an update would go offline"
                            : "identify and list passed; target offered", installed);
        }

        private Outcome update() throws StepTimeoutException, IOException, RefusedException {
            begin(Step.ENSURE_TOOL);
            Outcome tool = ensureTool();
            if (tool != null) {
                return tool;
            }
            begin(Step.READ_FLAGS);
            List<String> flags = RouterOutput.flags(exec(RouterCommands.MODEM_UPDATER_HELP, settings.commandTimeout()).stdout());
            if (!flags.containsAll(List.of("-g", "-i"))) {
                return Outcome.aborted(step, "this modem_updater lacks -g or -i (flags: " + flags + ")", installed);
            }
            begin(Step.LIST);
            ModemList list = ModemList.parse(exec(RouterCommands.MODEM_UPDATER_LIST, settings.commandTimeout()).stdout());
            Optional<ModemList.Modem> modem = list.modemFor(command.modulePrefix());
            if (modem.isEmpty()) {
                return Outcome.aborted(step, "modem_updater -g lists no " + command.modulePrefix() + " modem", installed);
            }
            ShellToken usbId = ShellToken.of(ShellToken.Kind.USB_ID, modem.get().usbId());
            boolean offline = settings.offlineAlways() || list.noInternet();
            String updateCommand;
            ShellToken folder = null;
            if (offline) {
                if (!flags.contains("-p")) {
                    return Outcome.aborted(step, "offline update needed but modem_updater has no -p", installed);
                }
                Optional<Path> pkg = localPackage();
                if (pkg.isEmpty()) {
                    return Outcome.aborted(step, (list.noInternet() ? "router has no WAN and " : "")
                            + "no offline package for " + command.target() + " in flapguard.updater.offline.firmware-store", installed);
                }
                folder = settings.offlineFolders().forVersion(command.target());
                Outcome staged = stage(pkg.get(), folder);
                if (staged != null) {
                    return staged;
                }
                updateCommand = RouterCommands.updateOffline(usbId, folder);
            } else {
                if (!flags.contains("-v")) {
                    return Outcome.aborted(step, "this modem_updater has no -v for online updates", installed);
                }
                if (!list.available().contains(command.target().value())) {
                    return Outcome.aborted(step, "target " + command.target() + " is not offered for this modem (offered: "
                            + list.available() + ")", installed);
                }
                updateCommand = RouterCommands.updateOnline(usbId, command.target());
            }
            Outcome flashed = flash(updateCommand);
            if (folder != null) {
                cleanUp(folder);
            }
            return flashed;
        }

        private Outcome ensureTool() throws StepTimeoutException, IOException {
            if (exec(RouterCommands.FIND_MODEM_UPDATER, settings.commandTimeout()).ok()) {
                return null;
            }
            ExecResult update = exec(RouterCommands.OPKG_UPDATE, settings.opkgTimeout());
            if (!update.ok()) {
                return Outcome.aborted(step, "opkg update failed: " + clip(update.errorLine()), installed);
            }
            ExecResult install = exec(RouterCommands.OPKG_INSTALL_MODEM_UPDATER, settings.opkgTimeout());
            if (!install.ok() || !exec(RouterCommands.FIND_MODEM_UPDATER, settings.commandTimeout()).ok()) {
                return Outcome.aborted(step, "opkg install modem_updater failed: " + clip(install.errorLine()), installed);
            }
            return null;
        }

        private Optional<Path> localPackage() {
            return settings.firmwareStore().map(store -> store.resolve(command.target().value()))
                    .filter(p -> Files.isDirectory(p.resolve("update").resolve("firehose")));
        }

        /** Checks free space in /tmp, then uploads the package; an outcome means it failed. */
        private Outcome stage(Path pkg, ShellToken folder) throws StepTimeoutException, IOException {
            begin(Step.CHECK_SPACE);
            long neededKib = sizeKib(pkg) + settings.spaceMarginKib();
            OptionalLong free = RouterOutput.availableKib(exec(RouterCommands.DF_TMP, settings.commandTimeout()).stdout());
            if (free.isEmpty()) {
                return Outcome.aborted(step, "could not read free space of /tmp from df", installed);
            }
            if (free.getAsLong() < neededKib) {
                return Outcome.aborted(step, "/tmp has " + free.getAsLong() + " KiB free, the package needs "
                        + neededKib + " KiB", installed);
            }
            begin(Step.UPLOAD);
            PackageManifest manifest;
            try {
                manifest = PackageManifest.verifyLocal(pkg, settings.manifestDigests().get(command.target().value()));
            } catch (RefusedException e) {
                return Outcome.refused(e.reason(), step, e.getMessage(), installed);
            }
            ExecResult mkdir = exec(RouterCommands.makeFolder(folder), settings.commandTimeout());
            if (!mkdir.ok()) {
                return Outcome.aborted(step, "mkdir failed: " + clip(mkdir.errorLine()), installed);
            }
            try {
                session.upload(pkg, folder.value(), settings.uploadTimeout());
            } catch (IOException e) {
                cleanUp(folder);
                return Outcome.recoverable(step, "upload failed: " + oneLine(e), installed);
            }
            // Checked again where it will be flashed from: a corrupted or swapped file never reaches the modem.
            ExecResult sums = exec(RouterCommands.sha256sum(folder, manifest.paths()), settings.commandTimeout());
            String mismatch = sums.ok() ? manifest.mismatchOnRouter(sums.stdout(), folder.value())
                    : "sha256sum on the router failed: " + clip(sums.errorLine());
            if (mismatch != null) {
                cleanUp(folder);
                return Outcome.refused(RefusalReason.PACKAGE_INTEGRITY, step, mismatch, installed);
            }
            return null;
        }

        private Outcome flash(String updateCommand) throws StepTimeoutException, IOException {
            begin(Step.UPDATE);
            if (inDownloadMode()) {   // the modem may have dropped into EDL since identify: never flash it blindly
                return Outcome.downloadMode(step, DOWNLOAD_MODE_REASON + " (lsusb lists " + EDL_USB_ID + ")", installed);
            }
            try {
                listener.beforeFlash();
            } catch (RuntimeException e) {
                return Outcome.recoverable(step, "could not record that the flash starts, nothing flashed: "
                        + oneLine(e), installed);
            }
            flashSent = true;
            LOG.infof("%s: flashing: %s", command.commandId(), updateCommand);
            int[] lastPercent = {-1};
            String[] error = {null};
            ExecResult result;
            try {
                result = session.stream(updateCommand, settings.flashTimeout(), line -> {
                    OptionalInt percent = RouterOutput.progress(line);
                    if (percent.isPresent() && percent.getAsInt() != lastPercent[0]) {
                        lastPercent[0] = percent.getAsInt();
                        listener.progress(Step.UPDATE, percent.getAsInt());
                    } else if (RouterOutput.isError(line) && error[0] == null) {
                        error[0] = line.strip();
                    }
                });
            } catch (StepTimeoutException e) {
                return Outcome.flashTimedOut("flash " + e.getMessage()
                        + " (stuck at " + Math.max(0, lastPercent[0]) + " %); modem may be in download mode", installed);
            }
            if (error[0] != null && lastPercent[0] < 0) {
                return Outcome.aborted(step, clip(error[0]), installed);   // modem_updater refused before switching
            }
            if (result.connectionLost()) {
                LOG.warnf("%s: connection lost during flash at %d %%; reconnecting to observe", command.commandId(), lastPercent[0]);
            } else if (!result.ok() && lastPercent[0] < 0) {
                return Outcome.aborted(step, "modem_updater failed: " + clip(result.errorLine()), installed);
            }
            return waitAndConfirm(true);
        }

        /** Polls AT until the modem answers, then checks that it runs the target. Never flashes. */
        private Outcome waitAndConfirm(boolean afterOurFlash) throws StepTimeoutException, IOException {
            begin(Step.WAIT_MODEM);
            Instant deadline = Instant.now().plus(settings.waitModemTimeout());
            while (true) {
                try {
                    if (session == null || !session.isConnected()) {
                        reconnect();
                    }
                    ExecResult at = session.exec(RouterCommands.MODEM_AT, settings.commandTimeout());
                    if (at.ok() && at.stdout().stream().anyMatch(l -> l.strip().equals("OK"))) {
                        break;
                    }
                } catch (IOException | StepTimeoutException | HostKeyRefusedException e) {
                    LOG.debugf("%s: modem/connection not back yet: %s", command.commandId(), oneLine(e));
                    closeSession();
                }
                if (Instant.now().isAfter(deadline)) {
                    return Outcome.afterFlash(step, "modem does not answer AT " + settings.waitModemTimeout().toSeconds()
                            + " s after " + (afterOurFlash ? "flashing" : "the interrupted update")
                            + "; a reboot or recovery may be needed", installed);
                }
                pause(settings.pollInterval());
            }
            begin(Step.CONFIRM);
            ExecResult firmware = exec(RouterCommands.MODEM_FIRMWARE, settings.commandTimeout());
            installed = RouterOutput.answered(firmware.firstLine()) ? firmware.firstLine() : installed;
            if (command.target().value().equals(firmware.firstLine())) {
                return Outcome.of(ResultStatus.SUCCEEDED, step, afterOurFlash ? "modem runs the target and answers AT"
                        : "update interrupted by a restart had completed; modem runs the target and answers AT", installed);
            }
            return Outcome.afterFlash(step, "after the update the modem reports " + clip(firmware.firstLine()), installed);
        }

        private void reconnect() throws HostKeyRefusedException, IOException {
            closeSession();
            session = connector.open(serial, target);
        }

        private void cleanUp(ShellToken folder) {
            try {
                if (session != null && session.isConnected()) {
                    session.exec(RouterCommands.removeFolder(folder), settings.commandTimeout());
                }
            } catch (IOException | StepTimeoutException e) {
                LOG.warnf("%s: could not remove %s: %s", command.commandId(), folder, oneLine(e));
            }
        }

        private ExecResult exec(String line, Duration limit) throws StepTimeoutException, IOException {
            ExecResult result = session.exec(line, limit);
            if (result.connectionLost()) {
                throw new IOException("connection lost during '" + line + "'");
            }
            return result;
        }

        private void begin(Step next) {
            step = next;
            LOG.infof("%s: step %s", command.commandId(), next.label());
            listener.progress(next, null);
        }

        private void closeSession() {
            if (session != null) {
                session.close();
                session = null;
            }
        }

        void close() {
            closeSession();
        }
    }

    private static long sizeKib(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            long bytes = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            return (bytes + 1023) / 1024;
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the modem");
        }
    }

    static String clip(String s) {
        String one = s == null ? "" : s.replaceAll("[\\r\\n\\t]+", " ").strip();
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }

    private static String oneLine(Exception e) {
        return clip(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
