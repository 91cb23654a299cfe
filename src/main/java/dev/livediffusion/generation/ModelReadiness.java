package dev.livediffusion.generation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the models' graphs are loaded (/q/health/ready): the image model's and, where one is configured or
 * bundled, the video model's. Both load before the app takes requests.
 */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    private final TurboImagePipeline image;
    private final VideoModel video;

    ModelReadiness(TurboImagePipeline image, VideoModel video) {
        this.image = image;
        this.video = video;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("models")
                .withData("image model", image.modelName()).withData("image placement", image.placement());
        boolean loaded = !image.stages().isEmpty();
        VideoPipeline clips = video.pipeline().orElse(null);
        if (clips == null) {
            response.withData("video model", "none");
        } else {
            response.withData("video model", clips.modelName()).withData("video placement", clips.placement());
            loaded &= !clips.stages().isEmpty();
        }
        return response.status(loaded).build();
    }
}
