package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An SVD folder as the app's video model: a 16-frame clip streamed frame by frame is four sections in order, the
 * first from the image model's picture, each later one from the last frame before it, all on frame 0's embedding.
 */
class SvdVideoTest {

    private static final Path IMAGE = Path.of("src/test/resources/models/tiny-sd-turbo");
    private static final Path SVD = Path.of("src/test/resources/models/tiny-animatelcm-svd");
    private static final String PROMPT = "a photo of a cat";

    @Test
    void aClipIsSectionsEachStartingFromTheLastFrameOnTheFirstFramesAnchor() throws IOException {
        try (TurboImagePipeline image = PipelineLoader.load(new ModelFolder(IMAGE), PipelineOptions.onCpu(2, 64, 64, 1));
             VideoPipeline video = PipelineLoader.loadVideo(new ModelFolder(SVD), PipelineOptions.onCpu(2, 64, 64, 1));
             SvdVideoPipeline svd = PipelineLoader.loadSvd(new ModelFolder(SVD), PipelineOptions.onCpu(2, 64, 64, 1))) {
            assertEquals("svd", video.contract());
            VideoStarts starts = new VideoStarts(image, video);
            assertEquals(List.of(FirstFrame.IMAGE), starts.firstFrames());
            VideoContext clip = starts.start(7, PROMPT, FirstFrame.IMAGE, Map.of());
            List<Tensor> streamed = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                assertEquals(i, clip.nextIndex());
                streamed.add(video.render(clip, PROMPT, new Stopwatch()).image());
            }

            TurboImagePipeline.Frame frame = image.render(List.of(new ImageRequest(PROMPT, 7)), new Stopwatch()).frames().get(0);
            Tensor picture = new ImageToImage(FrameEncoder.toImage(frame.chunk(), frame.index()), 1).pixels(64, 64);
            Tensor anchor = svd.embed(picture);
            int frames = svd.frames();
            for (int section = 0; section < 16 / frames; section++) {
                Tensor expected = svd.section(picture, anchor, 7 ^ (section * 0x9E3779B97F4A7C15L), svd.defaults());
                for (int f = 0; f < frames; f++) {
                    assertArrayEquals(expected.slice(f, 1).values(), streamed.get(section * frames + f).values(),
                            "frame " + (section * frames + f));
                }
                picture = expected.slice(frames - 1, 1);
            }
        }
    }
}
