package io.flapguard.updater;

import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.WireCodec;
import io.flapguard.wire.WireFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Takes remediation commands off Kafka (placeholder until rollouts land). */
@ApplicationScoped
public class CommandIntake {
    private static final Logger LOG = Logger.getLogger(CommandIntake.class);

    @Incoming("commands")
    public void onCommand(byte[] payload) {
        try {
            RemediationCommand command = WireCodec.decode(payload, RemediationCommand.class);
            LOG.infof("command %s for %s -> %s", command.commandId(), command.serial(), command.targetFirmware());
        } catch (WireFormatException e) {
            LOG.warnf("skipping command that breaks the contract: %s", e.getMessage());
        }
    }
}
