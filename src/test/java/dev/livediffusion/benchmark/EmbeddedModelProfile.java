package dev.livediffusion.benchmark;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the app on the model users get by default (the embedded one), not the tests' tiny model. */
public class EmbeddedModelProfile implements QuarkusTestProfile {

    static final Path EMBEDDED = Path.of("src/main/resources/models/embedded-image");

    @Override
    public Map<String, String> getConfigOverrides() {
        if (!Files.exists(EMBEDDED.resolve("model_index.json"))) {
            throw new IllegalStateException("no embedded model at " + EMBEDDED + "; run the training first");
        }
        return Map.of("app.model.path", EMBEDDED.toString(), "app.model.threads",
                Integer.toString(Runtime.getRuntime().availableProcessors()), "app.live.max-connections", "64");
    }
}
