package dev.livediffusion.generation;

import dev.livediffusion.engine.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A video prompt's SVD settings: the folder's defaults where it names none, its values where it does. */
class SvdSettingsTest {

    private static final Path IMAGE = Path.of("src/test/resources/models/tiny-sd-turbo");
    private static final Path SVD = Path.of("src/test/resources/models/tiny-svd");
    private static final String PROMPT = "a photo of a cat";
    private static final Map<VideoSetting, Double> SET = Map.of(VideoSetting.FPS, 12.0,
            VideoSetting.MOTION_BUCKET_ID, 200.0, VideoSetting.NOISE_AUG_STRENGTH, 0.1,
            VideoSetting.MIN_GUIDANCE_SCALE, 1.5, VideoSetting.MAX_GUIDANCE_SCALE, 2.0);

    @Test
    void aPromptsSettingsChangeTheSectionAsTheyWouldCalledDirectly() throws IOException {
        PipelineOptions options = PipelineOptions.onCpu(2, 64, 64, 1);
        try (TurboImagePipeline image = PipelineLoader.load(new ModelFolder(IMAGE), options);
             VideoPipeline video = PipelineLoader.loadVideo(new ModelFolder(SVD), options);
             SvdVideoPipeline svd = PipelineLoader.loadSvd(new ModelFolder(SVD), options)) {
            assertEquals(List.of(VideoSetting.values()), List.copyOf(video.settings().keySet()));
            assertEquals(7.0, video.settings().get(VideoSetting.FPS), "diffusers' default where model_index.json has none");
            VideoStarts starts = new VideoStarts(image, video);
            VideoContext plain = starts.start(3, PROMPT, FirstFrame.IMAGE, Map.of());
            VideoContext set = starts.start(3, PROMPT, FirstFrame.IMAGE, SET);
            assertEquals(7, plain.frameRate());
            assertEquals(12, set.frameRate(), "fps is the rate the clip plays at too");

            SvdSettings expected = new SvdSettings(svd.defaults().steps(), 12, 200, 0.1, 1.5, 2.0);
            assertEquals(expected, svd.defaults().with(SET));
            TurboImagePipeline.Frame frame = image.render(List.of(new ImageRequest(PROMPT, 3)), new Stopwatch()).frames().get(0);
            Tensor picture = new ImageToImage(FrameEncoder.toImage(frame.chunk(), frame.index()), 1).pixels(64, 64);
            Tensor section = svd.section(picture, svd.embed(picture), 3, expected);
            for (int f = 0; f < svd.frames(); f++) {
                Tensor plainFrame = video.render(plain, PROMPT, new Stopwatch()).image();
                Tensor setFrame = video.render(set, PROMPT, new Stopwatch()).image();
                assertArrayEquals(section.slice(f, 1).values(), setFrame.values(), "frame " + f);
                assertFalse(Arrays.equals(plainFrame.values(), setFrame.values()), "frame " + f + " differs from the defaults'");
            }
        }
    }

    @Test
    void eachSettingOnItsOwnChangesTheFrames() throws IOException {
        PipelineOptions options = PipelineOptions.onCpu(2, 64, 64, 1);
        try (SvdVideoPipeline svd = PipelineLoader.loadSvd(new ModelFolder(SVD), options)) {
            Tensor picture = Tensor.scalar(0.2f, 1, 3, 64, 64);
            Tensor plain = svd.section(picture, null, 5, svd.defaults());
            for (Map.Entry<VideoSetting, Double> set : SET.entrySet()) {
                Tensor changed = svd.section(picture, null, 5, svd.defaults().with(Map.of(set.getKey(), set.getValue())));
                assertFalse(Arrays.equals(plain.values(), changed.values()), set.getKey() + " changes the section");
            }
        }
    }

    @Test
    void aSettingOutOfBoundsOrOfAnotherContractIsRefused() throws IOException {
        PipelineOptions options = PipelineOptions.onCpu(2, 64, 64, 1);
        try (TurboImagePipeline image = PipelineLoader.load(new ModelFolder(IMAGE), options);
             VideoPipeline video = PipelineLoader.loadVideo(new ModelFolder(SVD), options)) {
            VideoStarts starts = new VideoStarts(image, video);
            assertThrows(IllegalArgumentException.class,
                    () -> starts.start(3, PROMPT, FirstFrame.IMAGE, Map.of(VideoSetting.FPS, 31.0)));
            assertThrows(IllegalArgumentException.class,
                    () -> starts.start(3, PROMPT, FirstFrame.IMAGE, Map.of(VideoSetting.MOTION_BUCKET_ID, 12.5)));
        }
    }
}
