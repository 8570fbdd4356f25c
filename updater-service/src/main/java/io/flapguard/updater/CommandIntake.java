package io.flapguard.updater;

import io.flapguard.updater.service.UpdateCoordinator;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.WireCodec;
import io.flapguard.wire.WireFormatException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes remediation commands off Kafka. The message is acknowledged (so its offset may be committed) only after
 * the command's job state is durable in the jobs topic; a crash before that redelivers it, and the duplicate
 * check by command id keeps it from running twice.
 */
@ApplicationScoped
public class CommandIntake {
    private static final Logger LOG = Logger.getLogger(CommandIntake.class);

    @Inject
    UpdateCoordinator coordinator;
    @Inject
    MeterRegistry registry;

    @Incoming("commands")
    @Blocking(ordered = true)
    public CompletionStage<Void> onCommand(Message<byte[]> message) {
        try {
            RemediationCommand command = WireCodec.decode(message.getPayload(), RemediationCommand.class);
            coordinator.accept(command);
        } catch (WireFormatException e) {
            Counter.builder("flapguard_updater_commands_rejected")
                    .description("commands that broke the wire contract, skipped").register(registry).increment();
            coordinator.refusedMalformed();
            LOG.warnf("skipping command that breaks the contract: %s", e.getMessage());
        } catch (RuntimeException e) {
            // Not durable: do not ack, so the command comes back.
            LOG.errorf("command not stored, will be redelivered: %s", e.getMessage());
            return message.nack(e);
        }
        return message.ack();
    }
}
