package io.flapguard.analyzer.console;

import io.flapguard.security.Refusals;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The console's one origin: {@code /updater/<path>} here is the updater's {@code /<path>}, called with the caller's
 * own login. This service decides nothing: the updater authenticates, checks roles and audits as for any call. Only
 * the updater's console-facing paths pass ({@link #READS}, {@link #BUTTONS}); the cross-site guard of this service has already run
 * for every POST, so the updater sees a same-origin JSON request.
 */
@Path("/updater")
@PermitAll
public class UpdaterProxy {
    static final Pattern READS = Pattern.compile("rollouts(/[A-Za-z0-9_-]{1,64}/routers)?|attention|q/openapi");
    static final Pattern BUTTONS = Pattern.compile("rollouts/[A-Za-z0-9_-]{1,64}/(approve|pause|resume|cancel|reopen)");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ConfigProperty(name = "flapguard.console.updater-url")
    URI updater;

    @GET
    @Path("/{path: .+}")
    @Operation(summary = "The updater's read APIs (rollouts, attention, its OpenAPI) through the console's origin")
    public Response get(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("GET", path, uri.getRequestUri().getRawQuery(), headers, null);
    }

    @POST
    @Path("/{path: .+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The updater's rollout buttons through the console's origin (roles as on the updater)")
    public Response post(@PathParam("path") String path, @Context HttpHeaders headers, String body) {
        return forward("POST", path, null, headers, body == null || body.isBlank() ? "{}" : body);
    }

    private Response forward(String method, String path, String query, HttpHeaders headers, String body) {
        if (!(method.equals("POST") ? BUTTONS : READS).matcher(path).matches()) {
            return Refusals.refuse(404, "not an updater path the console uses: " + path);
        }
        if (query != null && !query.matches("[A-Za-z0-9_=&%.-]{0,200}")) {
            return Refusals.refuse(400, "query not allowed: use limit and after");
        }
        URI target = updater.resolve("/" + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Accept", "application/json");
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Response.ResponseBuilder out = Response.status(answer.statusCode()).entity(answer.body());
            answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(t -> out.header(HttpHeaders.CONTENT_TYPE, t));
            return out.build();
        } catch (ConnectException | HttpTimeoutException e) {
            return Refusals.refuse(502, "the updater at " + updater + " does not answer (" + e.getClass().getSimpleName()
                    + ")");
        } catch (IOException e) {
            return Refusals.refuse(502, "the updater at " + updater + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Refusals.refuse(503, "interrupted");
        }
    }
}
