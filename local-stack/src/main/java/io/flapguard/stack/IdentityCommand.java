package io.flapguard.stack;

import io.flapguard.brokers.auth.MqttIdentity;
import io.flapguard.wire.RouterSerial;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./flapguard identity add|remove|list}: the embedded MQTT broker's router accounts in the data folder.
 * A running stack picks changes up at the next connect. The generated password is printed once, alone on
 * standard output (so {@code ./flapguard identity add 1117759414 > mqtt.password} captures just it).
 */
@Command(name = "identity", mixinStandardHelpOptions = true,
        description = "MQTT identities of the embedded broker: a router's username is its serial and it may publish "
                + "only below its own serial (rutx/<serial>/#, router/<serial>/#, teltonika/<serial>/#).",
        subcommands = {IdentityCommand.Add.class, IdentityCommand.Remove.class, IdentityCommand.ListAll.class})
final class IdentityCommand {
    @ParentCommand
    LocalStack stack;

    BrokerAccounts accounts() {
        return new BrokerAccounts(stack.dataDir);
    }

    Path file() {
        return BrokerAccounts.identitiesFile(stack.dataDir).toAbsolutePath().normalize();
    }

    static String checkedSerial(String serial) {
        if (!RouterSerial.isValid(serial)) {
            throw new StackException("serial '" + serial + "' is not [A-Za-z0-9_-]{1,64}");
        }
        return serial;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Adds a router (or gives it a new password) and prints the generated password once.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        IdentityCommand identity;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "<serial>", description = "The router's serial: its MQTT username.")
        String serial;

        @Override
        public Integer call() {
            String password = identity.accounts().addRouter(checkedSerial(serial));
            PrintWriter err = spec.commandLine().getErr();
            err.printf("MQTT identity %s (router) saved in %s. Its password follows, shown only this once: put it "
                    + "on the router (the agent's MQTT_PASSWORD_FILE); username = %s.%n", serial, identity.file(), serial);
            err.flush();
            PrintWriter out = spec.commandLine().getOut();
            out.println(password);
            out.flush();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes a router's identity; it cannot connect any more (a live connection stays until it ends).")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        IdentityCommand identity;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "<serial>")
        String serial;

        @Override
        public Integer call() {
            boolean removed = identity.accounts().identities().remove(checkedSerial(serial));
            spec.commandLine().getErr().println(removed ? "MQTT identity " + serial + " removed."
                    : "flapguard: no MQTT identity " + serial + " in " + identity.file());
            return removed ? 0 : 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists usernames and roles (never hashes).")
    static final class ListAll implements Callable<Integer> {
        @ParentCommand
        IdentityCommand identity;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (MqttIdentity id : identity.accounts().identities().read().values()) {
                out.println(id.username() + " " + id.role().fileName());
            }
            out.flush();
            return 0;
        }
    }
}
