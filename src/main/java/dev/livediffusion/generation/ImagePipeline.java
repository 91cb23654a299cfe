package dev.livediffusion.generation;

/** Prompt in, encoded image out. Implementations are thread-safe. */
public interface ImagePipeline {

    GeneratedImage generate(ImageRequest request);

    /** The model's name as shown to users and written into frame headers. */
    String modelName();
}
