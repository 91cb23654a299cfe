package dev.livediffusion.engine.kserve;

import java.time.Duration;
import java.util.Map;

/**
 * Where {@code app.model.engine=kserve} sends each stage.
 *
 * @param url      host:port of the server's gRPC endpoint (Triton listens on 8001)
 * @param deadline how long one call may take, retries included
 * @param models   model names by stage ({@code unet}); a stage not named is {@code <model folder name>_<stage>}
 */
public record KserveSettings(String url, Duration deadline, Map<String, String> models) {

    /** The server's name for one stage of a model, as {@code tensorrt-engines/triton-repository.sh} lays it out. */
    public String modelFor(String model, String stage) {
        return models.getOrDefault(stage, model + "_" + stage);
    }
}
