package dev.livediffusion.compat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** {@code app.a1111.api-auth}, A1111's {@code --api-auth}: its pairs as Basic credentials, or A1111's 401. */
@QuarkusTest
@TestProfile(A1111ApiAuthTest.ApiAuth.class)
class A1111ApiAuthTest {

    /** Its own database directory, as OpenAiImageUrlsTest's profile. */
    public static class ApiAuth implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.a1111.api-auth", "webui:s3cret,other:pw", "app.database.data-dir",
                    "target/test-postgres-a1111-auth");
        }
    }

    @Test
    void onlyTheConfiguredCredentialsReachTheApi() {
        given().auth().preemptive().basic("webui", "s3cret").get("/sdapi/v1/sd-models").then().statusCode(200);
        given().auth().preemptive().basic("other", "pw").get("/sdapi/v1/samplers").then().statusCode(200);
        given().auth().preemptive().basic("webui", "wrong").get("/sdapi/v1/sd-models").then().statusCode(401)
                .header("WWW-Authenticate", "Basic").body("detail", equalTo("Incorrect username or password"));
        given().get("/sdapi/v1/options").then().statusCode(401).body("error", equalTo("HTTPException"));
        given().header("Authorization", "Basic %%%").get("/sdapi/v1/options").then().statusCode(401);
        given().get("/v1/images/generations").then().statusCode(405);
    }
}
