package dev.livediffusion.benchmark;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the app on the model users get by default (the embedded one), not the tests' tiny model; another
 * folder with {@code -Dbenchmark.model=PATH}.
 */
public class EmbeddedModelProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Path model = Path.of(System.getProperty("benchmark.model", "src/main/resources/models/embedded-image"));
        if (!Files.exists(model.resolve("model_index.json"))) {
            throw new IllegalStateException("no model at " + model + "; run the training first");
        }
        return Map.of("app.model.path", model.toString(), "app.model.threads",
                Integer.toString(Runtime.getRuntime().availableProcessors()), "app.live.max-connections", "64");
    }
}
