package io.flapguard.brokers.auth;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded broker's security extension, registered in-process: username/password from an
 * {@link IdentityFile}, per-identity topic permissions from a {@link TopicPolicy}.
 */
public final class AuthExtension implements ExtensionMain {
    private final IdentityStore store;
    private final TopicPolicy policy;
    private final AtomicLong refused = new AtomicLong();

    public AuthExtension(IdentityFile identities, TopicPolicy policy) {
        this.store = new IdentityStore(identities);
        this.policy = policy;
    }

    /** As the embedded broker's builder wants it. */
    public EmbeddedExtension embedded() {
        return EmbeddedExtension.builder()
                .withId("flapguard-mqtt-identities")
                .withName("FlapGuard MQTT identities")
                .withVersion("1")
                .withAuthor("FlapGuard")
                .withPriority(1000)
                .withStartPriority(1000)
                .withExtensionMain(this)
                .build();
    }

    /** Connects refused since start (no or bad credentials, a router using a client id not its own). */
    public long refusedConnects() {
        return refused.get();
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        IdentityAuthenticator authenticator = new IdentityAuthenticator(store, policy, refused);
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // nothing held
    }
}
