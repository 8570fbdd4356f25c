package io.flapguard.updater.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST calls as one of the users in src/test/resources/test-users. */
public final class Logins {
    private Logins() {
    }

    /** A request by the user named like the role, with a JSON body type as every action needs. */
    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-test-password").contentType(ContentType.JSON);
    }
}
