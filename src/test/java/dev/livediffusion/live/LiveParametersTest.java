package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-prompt steps and size on /live, against the tests' tiny-sd-turbo (any size, no guidance). */
@QuarkusTest
class LiveParametersTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void helloListsWhatAnImagePromptMayName() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            JsonNode parameters = client.nextOfType("hello", 10).json().path("models").path(0).path("parameters");
            assertEquals("[1,4]", parameters.path("steps").toString());
            assertEquals(1, parameters.path("defaultSteps").asInt());
            assertEquals("[32,1024]", parameters.path("width").toString());
            assertEquals(8, parameters.path("multipleOf").asInt());
            assertFalse(parameters.path("guidance").asBoolean(true));
        }
    }

    @Test
    void stepsAndSizeChangeTheFrameAndTheDefaultsGiveThePlainPicture() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            client.sendPrompt(1, "a red fox", 3L);
            LiveClient.Message plain = client.nextOfType("frame", 30);
            client.sendText("{\"type\":\"prompt\",\"seq\":2,\"text\":\"a red fox\",\"seed\":3,\"steps\":1,\"width\":512,\"height\":512}");
            LiveClient.Message same = client.nextOfType("frame", 30);
            assertTrue(Arrays.equals(plain.image(), same.image()), "the defaults named are the defaults");
            client.sendText("{\"type\":\"prompt\",\"seq\":3,\"text\":\"a red fox\",\"seed\":3,\"steps\":2}");
            LiveClient.Message twoSteps = client.nextOfType("frame", 30);
            assertFalse(Arrays.equals(plain.image(), twoSteps.image()), "two steps draw another picture");
            client.sendText("{\"type\":\"prompt\",\"seq\":4,\"text\":\"a red fox\",\"seed\":3,\"width\":128,\"height\":64}");
            JsonNode header = client.nextOfType("frame", 30).json();
            assertEquals(128, header.path("width").asInt());
            assertEquals(64, header.path("height").asInt());
        }
    }

    @Test
    void parametersTheModelDoesNotAllowAreRefused() throws Exception {
        try (LiveClient client = LiveClient.connect(base)) {
            client.nextOfType("hello", 10);
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"steps\":5}", "bad_steps");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"steps\":1.5}", "bad_steps");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"width\":100}", "bad_size");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"height\":2048}", "bad_size");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"negativePrompt\":\"blur\"}",
                    "guidance_unavailable");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"guidanceScale\":7}", "guidance_unavailable");
            expectError(client, "{\"type\":\"prompt\",\"seq\":1,\"text\":\"x\",\"mode\":\"video\",\"steps\":2}",
                    "bad_parameters");
        }
    }

    private static void expectError(LiveClient client, String raw, String code) throws InterruptedException {
        client.sendText(raw);
        LiveClient.Message error = client.nextOfType("error", 10);
        assertEquals(code, error.json().path("code").asText(), raw);
        assertFalse(error.json().path("message").asText().isEmpty());
    }
}
