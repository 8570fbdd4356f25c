package io.flapguard.updater.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A small but real OIDC token issuer on 127.0.0.1: OpenID discovery document and JWKS over HTTP, RS256-signed
 * tokens. The service discovers it and verifies tokens exactly as it would against a production provider.
 */
public class TestIssuer implements QuarkusTestResourceLifecycleManager {
    static final String AUDIENCE = "flapguard";
    static final String ROLES_CLAIM = "flapguard_roles";
    private static RsaJsonWebKey key;
    private static String issuer;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            key = newKey("issuer-key");
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/flapguard";
            serve("/realms/flapguard/.well-known/openid-configuration", """
                    {"issuer":"%1$s","jwks_uri":"%1$s/protocol/openid-connect/certs",
                     "authorization_endpoint":"%1$s/protocol/openid-connect/auth",
                     "token_endpoint":"%1$s/protocol/openid-connect/token",
                     "response_types_supported":["code"],"subject_types_supported":["public"],
                     "id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer));
            serve("/realms/flapguard/protocol/openid-connect/certs",
                    "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}");
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.client-id", AUDIENCE, "quarkus.oidc.token.audience", AUDIENCE,
                "flapguard.security.oidc.roles-claim", ROLES_CLAIM);
    }

    private void serve(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static RsaJsonWebKey newKey(String id) {
        try {
            RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
            k.setKeyId(id);
            k.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            k.setUse("sig");
            return k;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token signed by this issuer, with the roles in the configured claim, valid for five minutes. */
    static String token(String user, List<String> roles) {
        return token(user, ROLES_CLAIM, roles, Instant.now().plusSeconds(300), key);
    }

    static String token(String user, String rolesClaim, List<String> roles, Instant expires, RsaJsonWebKey signer) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject("sub-" + user);
        claims.setClaim("preferred_username", user);
        claims.setStringListClaim(rolesClaim, roles);
        claims.setIssuedAt(NumericDate.fromSeconds(expires.getEpochSecond() - 600));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivateKey());
        jws.setKeyIdHeaderValue(signer.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static RsaJsonWebKey issuerKey() {
        return key;
    }
}
