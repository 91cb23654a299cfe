package dev.livediffusion.generation;

import java.util.List;

/** Prompt in, encoded image out: what the live loop, the REST API and the admin pages use. Thread-safe. */
public interface ImagePipeline {

    GeneratedImage generate(ImageRequest request);

    /**
     * Several requests in as few engine calls as {@link ModelInfo#maxBatch()} allows (StreamDiffusion's "stream
     * batch"); the results are in request order.
     */
    default List<GeneratedImage> generateBatch(List<ImageRequest> requests) {
        return requests.stream().map(this::generate).toList();
    }

    ModelInfo info();
}
