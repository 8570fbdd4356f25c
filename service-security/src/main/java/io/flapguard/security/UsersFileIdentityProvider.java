package io.flapguard.security;

import io.flapguard.security.users.UserDirectory;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Basic-auth logins against the local users file ({@code flapguard.security.users-file}); without that setting
 * every basic login fails, so production relies on OIDC bearer tokens alone.
 */
@ApplicationScoped
public class UsersFileIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private static final Logger LOG = Logger.getLogger(UsersFileIdentityProvider.class);

    private final UserDirectory directory;

    UsersFileIdentityProvider(@ConfigProperty(name = "flapguard.security.users-file") Optional<Path> usersFile) {
        this.directory = usersFile.map(UserDirectory::new).orElse(null);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (directory == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("no users file configured"));
        }
        return context.runBlocking(() -> {
            Optional<Set<String>> roles;
            try {
                roles = directory.verify(request.getUsername(), request.getPassword().getPassword());
            } catch (IllegalStateException e) {
                LOG.error(e.getMessage());
                throw new AuthenticationFailedException("users file unreadable");
            }
            if (roles.isEmpty()) {
                throw new AuthenticationFailedException("wrong user name or password");
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(request.getUsername()))
                    .addRoles(roles.get()).build();
        });
    }
}
