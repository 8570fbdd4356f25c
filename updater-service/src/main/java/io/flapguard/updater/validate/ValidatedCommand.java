package io.flapguard.updater.validate;

import io.flapguard.wire.RemediationCommand;

/** A remediation command whose every shell-bound value passed {@link CommandValidator}. */
public record ValidatedCommand(RemediationCommand command, ShellToken serial, ShellToken target,
                               ShellToken expectedCurrent, String modemModel) {

    public String commandId() {
        return command.commandId();
    }

    /** The 8-character module/variant prefix, e.g. {@code EG12EAPA}. */
    public String modulePrefix() {
        return target.value().substring(0, 8);
    }
}
