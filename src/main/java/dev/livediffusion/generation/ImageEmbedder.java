package dev.livediffusion.generation;

import dev.livediffusion.engine.InferenceSession;
import dev.livediffusion.engine.Tensor;
import dev.livediffusion.engine.TensorSpec;

import java.util.Map;

/** The {@code image_encoder} graph (CLIP vision with projection): a picture's {@code image_embeds}, [1, width]. */
final class ImageEmbedder implements AutoCloseable {

    private final InferenceSession session;
    private final TensorSpec embeds;

    ImageEmbedder(InferenceSession session) {
        this.session = session;
        session.requireInput("pixel_values");
        this.embeds = session.requireOutput("image_embeds");
    }

    /** The embedding of a picture [1, 3, H, W] in [-1, 1]. */
    Tensor embed(Tensor picture) {
        return session.run(Map.of("pixel_values", ClipImageInput.of(picture))).get("image_embeds");
    }

    /** The embedding's width, or -1 where the graph leaves it open. */
    long width() {
        return embeds.rank() == 2 && embeds.isStatic(1) ? embeds.dims()[1] : TensorSpec.DYNAMIC;
    }

    InferenceSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
    }
}
