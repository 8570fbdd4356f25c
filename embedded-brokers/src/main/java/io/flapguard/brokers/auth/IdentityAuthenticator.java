package io.flapguard.brokers.auth;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.auth.ModifiableDefaultPermissions;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a CONNECT's username and password against the identity file and gives the connection the topic
 * permissions of its role ({@link TopicPolicy}), everything else denied. A refused connect is logged in one line
 * with the username and reason, never the password, and counted.
 */
final class IdentityAuthenticator implements SimpleAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityAuthenticator.class);

    private final IdentityStore store;
    private final TopicPolicy policy;
    private final AtomicLong refused;

    IdentityAuthenticator(IdentityStore store, TopicPolicy policy, AtomicLong refused) {
        this.store = store;
        this.policy = policy;
        this.refused = refused;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        String clientId = connect.getClientId();
        Optional<String> username = connect.getUserName();
        Optional<ByteBuffer> password = connect.getPassword();
        if (username.isEmpty() || password.isEmpty()) {
            refuse(output, ConnackReasonCode.NOT_AUTHORIZED, "no username or password", username, clientId);
            return;
        }
        Optional<MqttIdentity> identity = store.find(username.get());
        if (identity.isEmpty() || !matches(identity.get(), password.get())) {
            refuse(output, ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad username or password", username,
                    clientId);
            return;
        }
        if (!policy.clientIdAllowed(identity.get(), clientId)) {
            refuse(output, ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "a router's client id must be its serial, <serial>-... or fg-<serial>-...", username, clientId);
            return;
        }
        ModifiableDefaultPermissions permissions = output.getDefaultPermissions();
        for (TopicPolicy.Grant grant : policy.grants(identity.get())) {
            permissions.add(permission(grant));
        }
        permissions.setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        output.authenticateSuccessfully();
    }

    private static TopicPermission permission(TopicPolicy.Grant grant) {
        return Builders.topicPermission()
                .topicFilter(grant.filter())
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(grant.activity() == TopicPolicy.Activity.PUBLISH ? TopicPermission.MqttActivity.PUBLISH
                        : TopicPermission.MqttActivity.SUBSCRIBE)
                .sharedSubscription(TopicPermission.SharedSubscription.ALL)
                .retain(TopicPermission.Retain.ALL)
                .qos(TopicPermission.Qos.ALL)
                .build();
    }

    private static boolean matches(MqttIdentity identity, ByteBuffer password) {
        ByteBuffer bytes = password.asReadOnlyBuffer();
        char[] chars;
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().decode(bytes);
            chars = new char[decoded.remaining()];
            decoded.get(chars);
            decoded.clear();
            while (decoded.hasRemaining()) {
                decoded.put('\0');
            }
        } catch (CharacterCodingException e) {
            return false;
        }
        try {
            return identity.password().matches(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private void refuse(SimpleAuthOutput output, ConnackReasonCode code, String reason, Optional<String> username,
            String clientId) {
        refused.incrementAndGet();
        // usernames and client ids are printed escaped-safe: only the serial alphabet, anything else replaced
        LOG.warn("MQTT connect refused: {} (username {}, client id {})", reason,
                username.map(IdentityAuthenticator::printable).orElse("none"), printable(clientId));
        output.failAuthentication(code, reason);
    }

    static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return "'" + cut.replaceAll("[^A-Za-z0-9_.:-]", "?") + "'";
    }
}
