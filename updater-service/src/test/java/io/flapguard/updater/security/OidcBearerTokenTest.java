package io.flapguard.updater.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Production mode: OIDC bearer tokens from a real issuer ({@link TestIssuer}), roles read from the configured
 * claim. Good tokens act within their roles; expired, foreign-signed and role-less tokens are refused; the
 * audit trail names the token's user.
 */
@QuarkusTest
@TestProfile(OidcBearerTokenTest.WithIssuer.class)
class OidcBearerTokenTest {
    public static class WithIssuer implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TestIssuer.class));
        }
    }

    @Test
    void tokensActWithinTheirRolesAndBadTokensAreRefused() {
        bearer(TestIssuer.token("vera", List.of("viewer"))).get("/rollouts").then().statusCode(200);
        bearer(TestIssuer.token("vera", List.of("viewer"))).body("{}").post("/rollouts/r-1/pause").then()
                .statusCode(403).body(containsString("needs role operator"));
        // authorised; the rollout does not exist
        bearer(TestIssuer.token("otto", List.of("operator"))).body("{\"reason\": \"token check\"}")
                .post("/rollouts/r-1/pause").then().statusCode(409);
        bearer(TestIssuer.token("ada", List.of("admin"))).body("{}").post("/rollouts/r-1/approve").then()
                .statusCode(409);

        bearer(TestIssuer.token("otto", TestIssuer.ROLES_CLAIM, List.of("operator"),
                Instant.now().minusSeconds(600), TestIssuer.issuerKey())).get("/rollouts").then().statusCode(401);
        bearer(TestIssuer.token("mallory", TestIssuer.ROLES_CLAIM, List.of("admin"), Instant.now().plusSeconds(300),
                TestIssuer.newKey("issuer-key"))).get("/rollouts").then().statusCode(401);
        // roles count only in the configured claim
        bearer(TestIssuer.token("gus", "groups", List.of("admin"), Instant.now().plusSeconds(300),
                TestIssuer.issuerKey())).get("/rollouts").then().statusCode(403);
        given().header("Authorization", "Bearer not-a-token").get("/rollouts").then().statusCode(401);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, Object>> records = bearer(TestIssuer.token("vera", List.of("viewer"))).get("/audit")
                    .then().statusCode(200).extract().jsonPath().getList("items.record");
            assertThat(records).extracting(r -> r.get("who") + " " + r.get("action") + " " + r.get("status"))
                    .containsExactly("vera rollout.pause 403", "otto rollout.pause 409", "ada rollout.approve 409");
        });
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }
}
