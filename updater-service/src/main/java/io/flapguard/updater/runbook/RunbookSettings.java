package io.flapguard.updater.runbook;

import io.flapguard.updater.validate.OfflineFolders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Time limits and offline-update settings of the runbook.
 *
 * @param firmwareStore local folder with one sub-folder per version holding the unzipped vendor package
 *                      ({@code <store>/<version>/update/firehose/...}); empty means no offline updates
 * @param offlineAlways use the offline path even when the router has WAN
 * @param manifestDigests version → SHA-256 of its offline package's {@code SHA256SUMS} (from the allowlist)
 */
public record RunbookSettings(Duration commandTimeout, Duration opkgTimeout, Duration uploadTimeout,
                              Duration flashTimeout, Duration waitModemTimeout, Duration pollInterval,
                              Optional<Path> firmwareStore, OfflineFolders offlineFolders, boolean offlineAlways,
                              long spaceMarginKib, Map<String, String> manifestDigests) {
}
