package dev.livediffusion.generation;

import dev.livediffusion.engine.EngineKind;

import java.time.Duration;
import java.util.List;

/** A REST generator whose engine throws on every picture, for other packages' tests of the error path. */
public final class FailingEngine {

    private FailingEngine() {
    }

    public static OneShotGenerator generator(String failure) {
        ImagePipeline broken = new ImagePipeline() {
            @Override
            public GeneratedImage generate(ImageRequest request) {
                throw new IllegalStateException(failure);
            }

            @Override
            public ModelInfo info() {
                return new ModelInfo("broken", "image", EngineKind.ONNXRUNTIME, EngineKind.ONNXRUNTIME, 77, 1, List.of(), false);
            }
        };
        return new OneShotGenerator(broken, 1, Duration.ofSeconds(1));
    }
}
