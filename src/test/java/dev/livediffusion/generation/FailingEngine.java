package dev.livediffusion.generation;

import java.time.Duration;

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
            public int tokenCount(String prompt) {
                return 2;
            }

            @Override
            public String modelName() {
                return "broken";
            }
        };
        return new OneShotGenerator(broken, 1, Duration.ofSeconds(1));
    }
}
