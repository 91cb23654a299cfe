package dev.livediffusion.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.crypto.Sha256;
import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.prompt.PromptPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks uploads and generated images against the gallery's bounds and makes them a {@link NewItem}; prompts and
 * seeds follow the app's {@link PromptPolicy}.
 */
@ApplicationScoped
public class ItemValidator {

    private static final int MAX_MODEL_CHARS = 200;
    private static final int MAX_TIMINGS = 32;
    /** As the database's check: from a frame every 10 s (GIF delays end at 655 s) to more than a screen shows. */
    private static final double MIN_FRAME_RATE = 0.1;
    private static final double MAX_FRAME_RATE = 120;

    private final GalleryConfig config;
    private final PromptPolicy policy;

    public ItemValidator(GalleryConfig config, PromptPolicy policy) {
        this.config = config;
        this.policy = policy;
    }

    /**
     * What the live page sends along with the frame files, in the same order ({@code frameRate} for saved videos only);
     * prompts and seed as sent, for the policy to judge.
     */
    public record UploadMeta(String kind, JsonNode seed, String model, Map<String, Double> timingsMs,
                             List<JsonNode> prompts, Double frameRate) {
    }

    /** The frames are read only once their count and sizes are known to be within bounds. */
    public NewItem fromUpload(UploadMeta meta, List<Path> frameFiles) {
        ItemKind kind = ItemKind.parse(meta.kind())
                .orElseThrow(() -> new InvalidInputException("kind must be 'frame' or 'flipbook'"));
        int maxFrames = kind == ItemKind.FRAME ? 1 : config.maxFlipbookFrames();
        if (frameFiles.isEmpty() || frameFiles.size() > maxFrames) {
            throw new InvalidInputException("a " + kind.value() + " has 1 to " + maxFrames + " frames, got " + frameFiles.size());
        }
        if (meta.frameRate() != null && (kind != ItemKind.FLIPBOOK
                || !(meta.frameRate() >= MIN_FRAME_RATE && meta.frameRate() <= MAX_FRAME_RATE))) {
            throw new InvalidInputException("frameRate is for flipbooks only, " + MIN_FRAME_RATE + " to "
                    + (int) MAX_FRAME_RATE + " frames per second");
        }
        if (meta.prompts() == null || meta.prompts().size() != frameFiles.size()) {
            throw new InvalidInputException("prompts must list one prompt per frame");
        }
        checkSizes(frameFiles);
        List<Frame> frames = new ArrayList<>();
        ImageCheck.ImageInfo cover = null;
        for (int i = 0; i < frameFiles.size(); i++) {
            byte[] bytes = read(frameFiles.get(i));
            cover = checkedImage(bytes);
            frames.add(new Frame(policy.text(meta.prompts().get(i)), cover.mime(), bytes, Sha256.hex(bytes)));
        }
        return new NewItem(kind, policy.requiredSeed(meta.seed()), checkedModel(meta.model()),
                checkedTimings(meta.timingsMs()), cover.width(), cover.height(), meta.frameRate(), List.copyOf(frames));
    }

    /** The picture made for a prompt that already passed the policy. */
    public NewItem fromGenerated(String prompt, GeneratedImage image) {
        return fromPicture(prompt, image.seed(), image.model(), image.timingsMs(), image.encoded());
    }

    /** A picture made for a prompt that already passed the policy, encoded by its maker (the OpenAI API's PNGs). */
    public NewItem fromPicture(String prompt, long seed, String model, Map<String, Double> timingsMs, byte[] encoded) {
        ImageCheck.ImageInfo info = checkedImage(encoded);
        Frame frame = new Frame(prompt, info.mime(), encoded, Sha256.hex(encoded));
        return new NewItem(ItemKind.FRAME, seed, model, timingsMs, info.width(), info.height(), null, List.of(frame));
    }

    private void checkSizes(List<Path> frameFiles) {
        long total = 0;
        for (Path file : frameFiles) {
            long size = size(file);
            total += size;
            if (size > config.maxFrameBytes() || total > config.maxFlipbookBytes()) {
                throw new InvalidInputException("frames are at most " + config.maxFrameBytes()
                        + " bytes each and " + config.maxFlipbookBytes() + " together");
            }
        }
    }

    private ImageCheck.ImageInfo checkedImage(byte[] bytes) {
        ImageCheck.ImageInfo info = ImageCheck.inspect(bytes);
        if (info.width() > config.maxImageSide() || info.height() > config.maxImageSide()) {
            throw new InvalidInputException("images are at most " + config.maxImageSide() + " pixels wide and high");
        }
        return info;
    }

    private static String checkedModel(String model) {
        if (model == null || model.isBlank() || model.length() > MAX_MODEL_CHARS) {
            throw new InvalidInputException("model must be a name of 1 to " + MAX_MODEL_CHARS + " characters");
        }
        return model;
    }

    private static Map<String, Double> checkedTimings(Map<String, Double> timings) {
        if (timings == null) {
            return Map.of();
        }
        if (timings.size() > MAX_TIMINGS || timings.values().stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
            throw new InvalidInputException("timingsMs must map at most " + MAX_TIMINGS + " stage names to numbers");
        }
        return timings;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
