package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;

import java.time.Duration;
import java.util.List;

/**
 * A pipeline whose engine throws on every picture, a model without vae_encoder, for other packages' tests of the error
 * paths.
 */
public final class FailingEngine {

    private FailingEngine() {
    }

    public static OneShotGenerator generator(String failure) {
        return new OneShotGenerator(pipeline(failure), 1, Duration.ofSeconds(1));
    }

    public static ImagePipeline pipeline(String failure) {
        return new ImagePipeline() {
            @Override
            public GeneratedImage generate(ImageRequest request) {
                throw new IllegalStateException(failure);
            }

            @Override
            public ModelInfo info() {
                return new ModelInfo("broken", "image", EngineKind.ONNXRUNTIME, EngineKind.ONNXRUNTIME, 77, 1, List.of(),
                        512, 512, false, 1, 8, false);
            }
        };
    }
}
