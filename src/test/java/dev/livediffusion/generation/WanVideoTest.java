package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Wan folder as the app's video model: a clip streamed frame by frame is sections in order, each after the first
 * made beside the last latent frame of the one before and decoded chunk by chunk, and a prompt typed mid-section is
 * used from the next section.
 */
class WanVideoTest {

    @Test
    void aSteeredClipIsSectionsEachForThePromptInForceWhenItIsMade() throws IOException {
        ModelFolder folder = new ModelFolder(WanPipelineReferenceTest.WAN);
        try (VideoPipeline video = PipelineLoader.loadVideo(folder, PipelineOptions.onCpu(2, 32, 32, 1));
             WanVideoPipeline wan = PipelineLoader.loadWan(folder, PipelineOptions.onCpu(2, 32, 32, 1))) {
            assertEquals("wan", video.contract());
            assertEquals(16, video.frameRate());
            VideoContext clip = video.startVideo(5);
            List<Tensor> streamed = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                assertEquals(i, clip.nextIndex());
                String prompt = i < 5 ? "a red cat" : "a blue dog on the moon";   // typed at frame 5
                streamed.add(video.render(clip, prompt, new Stopwatch()).image());
            }

            WanVideoPipeline.Section first = wan.section("a red cat", 5, null, wan.defaultSteps());
            WanVideoPipeline.Section second = wan.section("a blue dog on the moon", ClipSections.sectionSeed(5, 1),
                    first.context(), wan.defaultSteps());
            WanVideoPipeline.Section third = wan.section("a blue dog on the moon", ClipSections.sectionSeed(5, 2),
                    second.context(), wan.defaultSteps());
            List<Tensor> expected = new ArrayList<>();
            for (WanVideoPipeline.Section section : List.of(first, second, third)) {
                Tensor frames = WanPipelineReferenceTest.frames(wan, section);
                for (int f = 0; f < frames.dim(0); f++) {
                    expected.add(frames.slice(f, 1));
                }
            }
            assertEquals(3, wan.chunks(first), "a first section shows its 3 latent frames, one decoder chunk each");
            assertEquals(2, wan.chunks(second), "a later one its 2 new ones");
            assertEquals(8, wan.sectionFrames());
            for (int i = 0; i < streamed.size(); i++) {
                assertArrayEquals(expected.get(i).values(), streamed.get(i).values(), "frame " + i);
            }
        }
    }
}
