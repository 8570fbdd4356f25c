package io.flapguard.stack;

import io.flapguard.security.Roles;
import io.flapguard.security.users.UsersFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./flapguard user add NAME --role ROLE}: a local user for the services' APIs, also while they run. */
@Command(name = "user", description = "Manage the local stack's users (<data-dir>/users).",
        subcommands = UserCommand.Add.class, mixinStandardHelpOptions = true)
class UserCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user, or give an existing one a "
            + "new role and password. Prints a generated password unless --password-stdin is given.")
    static class Add implements Callable<Integer> {
        @Parameters(paramLabel = "NAME", description = "lower case letters, digits, . _ -")
        String name;

        @Option(names = "--role", required = true, description = "viewer (read), operator (pause, resume, cancel), "
                + "approver (approve waves, promote catalog entries) or admin (everything)")
        String role;

        @Option(names = "--data-dir", defaultValue = "${env:FLAPGUARD_DATA_DIR:-.flapguard}",
                description = "The stack's data folder (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() throws IOException {
            if (!Roles.ALL.contains(role)) {
                System.err.println("flapguard: unknown role '" + role + "' (viewer, operator, approver, admin)");
                return 2;
            }
            if (!UsersFile.NAME.matcher(name).matches()) {
                System.err.println("flapguard: user name '" + name + "' must match " + UsersFile.NAME.pattern());
                return 2;
            }
            Path file = LocalIdentity.usersFile(dataDir);
            if (passwordStdin) {
                String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        .readLine();
                if (password == null || password.length() < 12) {
                    System.err.println("flapguard: the password must have at least 12 characters");
                    return 2;
                }
                UsersFile.put(file, name, Set.of(role), password.toCharArray());
                System.out.println("User '" + name + "' (" + role + ") saved in " + file + ".");
            } else {
                Credentials c = LocalIdentity.add(file, name, role);
                System.out.println("User '" + name + "' (" + role + ") saved in " + file + " with password "
                        + c.password() + " (shown once).");
            }
            return 0;
        }
    }
}
