package io.flapguard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.stack.Credentials;
import io.flapguard.stack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two analyzer instances split the routers' partitions; a router's diagnosis is answered by the instance that
 * holds it, and the other instance redirects there.
 */
class AnalyzerScaleOutSystemTest {
    static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path data;

    @Test
    void aSecondAnalyzerInstanceTakesPartitionsAndRoutesQueriesToTheOwner() throws Exception {
        Path scenario = RunningSystem.scenario("seed-case", 2, Map.of(), data);
        try (RunningSystem system = RunningSystem.start(data, scenario, 90, SeedCaseSystemTest.fastLoop())) {
            ServiceProcess first = system.stack.service("analyzer-service");
            ServiceProcess second = system.stack.startAnotherInstance("analyzer-service",
                    Map.of("kafka-streams.state.dir", data.resolve("analyzer-2-state").toString()));
            Set<String> serials = system.stack.fleet().flashCounts().keySet();

            Map<String, String> ownerOf = new HashMap<>();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                for (String serial : serials) {
                    String viaFirst = answer(first, serial, system.login);
                    String viaSecond = answer(second, serial, system.login);
                    // Exactly one instance holds the router and answers; the other redirects to it.
                    boolean firstOwns = viaFirst.equals("200");
                    ServiceProcess owner = firstOwns ? first : second;
                    assertThat(firstOwns ? viaFirst : viaSecond).as(serial).isEqualTo("200");
                    assertThat(firstOwns ? viaSecond : viaFirst).as(serial)
                            .isEqualTo("307->localhost:" + owner.httpPort());
                    ownerOf.put(serial, viaFirst.equals("200") ? "first" : "second");
                }
            });
            assertThat(ownerOf.values()).contains("first", "second");
        }
    }

    /** "200" when this instance answers itself, "307->host:port" when it redirects to the owner. */
    private static String answer(ServiceProcess analyzer, String serial, Credentials login) throws Exception {
        HttpResponse<String> r = NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(analyzer.baseUrl()
                + "/api/routers/" + serial)).header("Authorization", login.basicAuthorization())
                .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 307) {
            URI to = URI.create(r.headers().firstValue("Location").orElseThrow());
            return "307->" + to.getHost() + ":" + to.getPort();
        }
        return String.valueOf(r.statusCode());
    }
}
