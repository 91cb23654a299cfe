package dev.livediffusion.database;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.fail;

/** /q/health/ready tells whether the database takes a write, not only whether a connection opens. */
@QuarkusTest
class DatabaseReadinessTest {

    private static final Path DATA = Path.of(ConfigProvider.getConfig().getValue("app.database.data-dir", String.class));

    @Test
    void readinessFailsWhileTheDatabaseCannotTakeAWrite() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        try (Connection superuser = Databases.superuser(DATA); Statement sql = superuser.createStatement()) {
            sql.execute("ALTER SYSTEM SET default_transaction_read_only = on");
            sql.execute("SELECT pg_reload_conf()");
            try {
                awaitReadiness(503);
                given().get("/q/health/ready").then()
                        .body("checks.find { it.name == 'database writes' }.status", equalTo("DOWN"));
            } finally {
                sql.execute("SET default_transaction_read_only = off");
                sql.execute("ALTER SYSTEM RESET default_transaction_read_only");
                sql.execute("SELECT pg_reload_conf()");
            }
        }
        awaitReadiness(200);
    }

    @Test
    void readinessReportsDownWithinSecondsWhileTheDatabaseIsFrozen() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        try (AutoCloseable frozen = ServerKill.freeze(DATA)) {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                given().get("/q/health/ready").then().statusCode(503)
                        .body("checks.find { it.name == 'database writes' }.status", equalTo("DOWN"));
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                org.junit.jupiter.api.Assertions.assertTrue(millis < 4_000, "answered after " + millis + " ms");
            }
        }
        awaitReadiness(200);
    }

    private static void awaitReadiness(int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (given().get("/q/health/ready").statusCode() != status) {
            if (System.nanoTime() > deadline) {
                fail("readiness did not answer " + status + " within 10 s");
            }
            Thread.sleep(100);
        }
    }
}
