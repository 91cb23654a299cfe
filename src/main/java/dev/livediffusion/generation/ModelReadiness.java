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

    private final ImagePipeline image;
    private final VideoModel video;

    ModelReadiness(ImagePipeline image, VideoModel video) {
        this.image = image;
        this.video = video;
    }

    @Override
    public HealthCheckResponse call() {
        ModelInfo imageModel = image.info();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("models")
                .withData("image model", imageModel.name()).withData("image placement", imageModel.placement());
        boolean loaded = !imageModel.stages().isEmpty();
        ModelInfo videoModel = video.pipeline().map(VideoPipeline::info).orElse(null);
        if (videoModel == null) {
            response.withData("video model", "none");
        } else {
            response.withData("video model", videoModel.name()).withData("video placement", videoModel.placement());
            loaded &= !videoModel.stages().isEmpty();
        }
        return response.status(loaded).build();
    }
}
