package io.flapguard.updater;

import io.flapguard.updater.retry.Backoff;
import io.flapguard.updater.service.CommandAdmission;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.WireCodec;
import io.flapguard.wire.WireFormatException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes remediation commands off Kafka. The message is acknowledged (so its offset may be committed) only after
 * the command's job state is durable in the jobs topic. While the state cannot be written the command is tried
 * again here, with backoff, and not acknowledged; the throttled commit strategy then commits nothing past it and,
 * after {@code throttled.unprocessed-record-max-age.ms}, reports the channel unhealthy. Only when the updater stops
 * is it nacked: with failure-strategy=fail its offset is never committed, so the next start gets it again. The
 * duplicate check by command id keeps a redelivered command from running twice.
 */
@ApplicationScoped
public class CommandIntake {
    private static final Logger LOG = Logger.getLogger(CommandIntake.class);
    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    @Inject
    CommandAdmission admission;
    @Inject
    MeterRegistry registry;

    @Incoming("commands")
    @Blocking(ordered = true)
    public CompletionStage<Void> onCommand(Message<byte[]> message) {
        RemediationCommand command;
        try {
            command = WireCodec.decode(message.getPayload(), RemediationCommand.class);
        } catch (WireFormatException e) {
            Counter.builder("flapguard_updater_commands_rejected")
                    .description("commands that broke the wire contract, skipped").register(registry).increment();
            admission.refusedMalformed();
            LOG.warnf("skipping command that breaks the contract: %s", e.getMessage());
            return message.ack();
        }
        Backoff backoff = new Backoff(FIRST_WAIT, LONGEST_WAIT);
        while (true) {
            try {
                admission.accept(command);
                return message.ack();
            } catch (RuntimeException e) {
                Counter.builder("flapguard_updater_command_store_failures")
                        .description("attempts to store a command's job state that failed; the command was not acknowledged")
                        .register(registry).increment();
                LOG.errorf("%s: not stored, not acknowledged; trying again in %s: %s", command.commandId(),
                        backoff.peek(), e.getMessage());
                if (!backoff.pause()) {
                    return message.nack(e);   // stopping: the offset stays uncommitted, redelivered after the restart
                }
            }
        }
    }
}
