package dev.livediffusion.gallery;

import dev.livediffusion.database.ServerKill;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The embedded database killed (SIGKILL to the postmaster and its children) while the app saves, and what the app does. */
@QuarkusTest
class DatabaseCrashTest {

    private static final Path DATA = Path.of(ConfigProvider.getConfig().getValue("app.database.data-dir", String.class));
    private static final int SAVERS = 4;
    private static final String UNAVAILABLE = "the gallery database is unavailable, try again";

    @Test
    void everySaveConfirmedBeforeTheKillIsThereByteForByteAfterTheRestart() throws Exception {
        GalleryClient.Created gallery = GalleryClient.create("saved through a crash");
        Map<String, byte[]> confirmed = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger pictures = new AtomicInteger();
        AtomicBoolean saving = new AtomicBoolean(true);
        AtomicLong killed = new AtomicLong();
        AtomicLong firstSavedAfterKill = new AtomicLong();
        ExecutorService savers = Executors.newFixedThreadPool(SAVERS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < SAVERS; i++) {
            running.add(savers.submit(() -> {
                while (saving.get()) {
                    byte[] png = TestImages.png(pictures.incrementAndGet(), 24, 24);
                    boolean sentAfterKill = killed.get() != 0;
                    Response response = GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("crash"), 1,
                            List.of(png), "image/png");
                    if (response.statusCode() == 201) {
                        confirmed.put(response.path("imageUrl"), png);
                        if (sentAfterKill) {
                            firstSavedAfterKill.compareAndSet(0, System.nanoTime());
                        }
                    } else {
                        assertEquals(503, response.statusCode(), response.asString());
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(3000);
        int beforeKill = confirmed.size();
        ServerKill.kill(DATA);
        killed.set(System.nanoTime());
        awaitMore(confirmed, beforeKill + 50, killed.get());
        saving.set(false);
        for (Future<?> saver : running) {
            saver.get(30, TimeUnit.SECONDS);
        }
        savers.shutdown();

        int present = 0;
        for (Map.Entry<String, byte[]> save : confirmed.entrySet()) {
            Response image = given().get(save.getKey());
            if (image.statusCode() == 200 && Arrays.equals(save.getValue(), image.asByteArray())) {
                present++;
            }
        }
        System.out.printf("saves confirmed: %d (%d before the kill), present after the restart: %d, refused: %d,"
                + " first save confirmed %d ms after the kill%n", confirmed.size(), beforeKill, present, refused.get(),
                TimeUnit.NANOSECONDS.toMillis(firstSavedAfterKill.get() - killed.get()));
        assertTrue(beforeKill > 0, "saves were confirmed before the kill");
        assertEquals(confirmed.size(), present, "every confirmed save is there, byte for byte");
    }

    @Test
    void whileTheDatabaseIsDownSavesGetA503AndOnceItIsBackTheyWorkWithoutAnAppRestart() throws Exception {
        GalleryClient.Created gallery = GalleryClient.create("outage");
        byte[] png = TestImages.png(7, 16, 16);
        save(gallery, png).then().statusCode(201);
        Set<PosixFilePermission> writable = Files.getPosixFilePermissions(DATA);
        // a data directory the server cannot write keeps it from starting again until the test allows it
        Files.setPosixFilePermissions(DATA, PosixFilePermissions.fromString("r-x------"));
        try {
            ServerKill.kill(DATA);
            long start = System.nanoTime();
            save(gallery, png).then().statusCode(503).header("Retry-After", "5")
                    .body("code", equalTo("unavailable")).body("message", equalTo(UNAVAILABLE));
            long refusedInMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            given().get("/explore").then().statusCode(503);
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'database writes' }.status", equalTo("DOWN"));
            System.out.printf("a save while the database was down was refused in %d ms%n", refusedInMs);
        } finally {
            Files.setPosixFilePermissions(DATA, writable);
        }
        long back = System.nanoTime();
        long savedAgain = awaitSaved(gallery, png, back);
        given().get("/explore").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        System.out.printf("saving again %d ms after the database could start again%n",
                TimeUnit.NANOSECONDS.toMillis(savedAgain - back));
    }

    private static Response save(GalleryClient.Created gallery, byte[] png) {
        return GalleryClient.upload(gallery.slug(), gallery.editToken(), "frame", List.of("outage"), 2, List.of(png), "image/png");
    }

    /** Returns when {@code count} saves are confirmed: the database takes writes again. */
    private static void awaitMore(Map<String, byte[]> confirmed, int count, long since) throws InterruptedException {
        while (confirmed.size() < count) {
            if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(30)) {
                fail("saves did not succeed again within 30 s of the kill");
            }
            Thread.sleep(20);
        }
    }

    private static long awaitSaved(GalleryClient.Created gallery, byte[] png, long since) throws InterruptedException {
        while (true) {
            Response response = save(gallery, png);
            if (response.statusCode() == 201) {
                return System.nanoTime();
            }
            assertEquals(503, response.statusCode(), response.asString());
            if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(20)) {
                fail("saves did not succeed again within 20 s of the database being able to start");
            }
            Thread.sleep(100);
        }
    }
}
