package dev.livediffusion.generation;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the image model's graphs are loaded (/q/health/ready); the model loads before the app takes requests. */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    private final TurboImagePipeline pipeline;

    ModelReadiness(TurboImagePipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("image model").withData("model", pipeline.modelName())
                .withData("placement", pipeline.placement()).status(!pipeline.stages().isEmpty()).build();
    }
}
