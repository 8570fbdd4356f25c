package io.flapguard.updater.validate;

import io.flapguard.updater.validate.ShellToken.Kind;

/**
 * Where offline firmware packages go on the router: only {@code <root>/<version>/} below one allowlisted root
 * (default {@code /tmp/flapguard-fw/}), so an upload or an rm -rf can never touch anything else.
 */
public final class OfflineFolders {
    private final ShellToken root;

    public OfflineFolders(String root) {
        if (!Kind.FOLDER.accepts(root) || !(root.startsWith("/tmp/") || root.startsWith("/mnt/"))) {
            throw new IllegalArgumentException("offline root must be a plain folder below /tmp/ or /mnt/ ending in /");
        }
        this.root = new ShellToken(Kind.FOLDER, root);
    }

    public ShellToken root() {
        return root;
    }

    public ShellToken forVersion(ShellToken firmware) throws RefusedException {
        if (firmware.kind() != Kind.FIRMWARE) {
            throw new RefusedException("offline folder needs a firmware token");
        }
        return ShellToken.of(Kind.FOLDER, root.value() + firmware.value() + "/");
    }
}
