package dev.livediffusion.generation;

import java.util.List;

/** Prompt in, encoded image out. Implementations are thread-safe. */
public interface ImagePipeline {

    GeneratedImage generate(ImageRequest request);

    /**
     * Several requests in one engine call where the model allows it (StreamDiffusion's "stream batch"); the
     * results are in request order.
     */
    default List<GeneratedImage> generateBatch(List<ImageRequest> requests) {
        return requests.stream().map(this::generate).toList();
    }

    /** How many requests {@link #generateBatch} runs in one engine call. */
    default int maxBatch() {
        return 1;
    }

    /** Tokens the prompt takes, start and end included, to show against {@link #maxTokens()}. */
    int tokenCount(String prompt);

    default int maxTokens() {
        return 77;
    }

    /** The model's name as shown to users and written into frame headers. */
    String modelName();
}
