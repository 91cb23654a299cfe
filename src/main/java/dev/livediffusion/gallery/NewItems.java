package dev.livediffusion.gallery;

import dev.livediffusion.generation.GeneratedImage;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.moderation.PromptBlocklist;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns uploads or generated images into a {@link NewItem}, refusing anything outside the configured bounds. */
@ApplicationScoped
public class NewItems {

    private static final int MAX_MODEL_CHARS = 200;
    private static final int MAX_TIMINGS = 32;
    /** As the database's check: from a frame every 10 s (GIF delays end at 655 s) to more than a screen shows. */
    private static final double MIN_FRAME_RATE = 0.1;
    private static final double MAX_FRAME_RATE = 120;

    private final GalleryConfig config;
    private final PromptBlocklist blocklist;

    public NewItems(GalleryConfig config, PromptBlocklist blocklist) {
        this.config = config;
        this.blocklist = blocklist;
    }

    /** What the live page sends along with the frame files, in the same order ({@code frameRate} for clips only). */
    public record UploadMeta(String kind, Long seed, String model, Map<String, Double> timingsMs, List<String> prompts,
                             Double frameRate) {
    }

    public NewItem fromUpload(UploadMeta meta, List<byte[]> frameBytes) {
        ItemKind kind = ItemKind.parse(meta.kind())
                .orElseThrow(() -> new InvalidInputException("kind must be 'frame' or 'flipbook'"));
        int maxFrames = kind == ItemKind.FRAME ? 1 : config.maxFlipbookFrames();
        if (frameBytes.isEmpty() || frameBytes.size() > maxFrames) {
            throw new InvalidInputException("a " + kind.value() + " has 1 to " + maxFrames + " frames, got " + frameBytes.size());
        }
        if (meta.frameRate() != null && (kind != ItemKind.FLIPBOOK
                || !(meta.frameRate() >= MIN_FRAME_RATE && meta.frameRate() <= MAX_FRAME_RATE))) {
            throw new InvalidInputException("frameRate is for flipbooks only, " + MIN_FRAME_RATE + " to "
                    + (int) MAX_FRAME_RATE + " frames per second");
        }
        if (meta.prompts() == null || meta.prompts().size() != frameBytes.size()) {
            throw new InvalidInputException("prompts must list one prompt per frame");
        }
        long total = 0;
        List<Frame> frames = new ArrayList<>();
        ImageCheck.ImageInfo cover = null;
        for (int i = 0; i < frameBytes.size(); i++) {
            byte[] bytes = frameBytes.get(i);
            if (bytes.length > config.maxFrameBytes()) {
                throw new InvalidInputException("frame " + i + " is larger than " + config.maxFrameBytes() + " bytes");
            }
            total += bytes.length;
            cover = checkedImage(bytes);
            frames.add(new Frame(checkedPrompt(meta.prompts().get(i)), cover.mime(), bytes, RandomTokens.sha256Hex(bytes)));
        }
        if (total > config.maxFlipbookBytes()) {
            throw new InvalidInputException("the frames add up to more than " + config.maxFlipbookBytes() + " bytes");
        }
        return new NewItem(kind, checkedSeed(meta.seed()), checkedModel(meta.model()), checkedTimings(meta.timingsMs()),
                cover.width(), cover.height(), meta.frameRate(), List.copyOf(frames));
    }

    public NewItem fromGenerated(String prompt, GeneratedImage image) {
        ImageCheck.ImageInfo info = checkedImage(image.encoded());
        Frame frame = new Frame(prompt, info.mime(), image.encoded(), RandomTokens.sha256Hex(image.encoded()));
        return new NewItem(ItemKind.FRAME, image.seed(), image.model(), image.timingsMs(), info.width(), info.height(),
                null, List.of(frame));
    }

    public String checkedPrompt(String prompt) {
        if (prompt == null) {
            throw new InvalidInputException("prompt is missing");
        }
        if (prompt.length() > config.maxPromptChars()) {
            throw new InvalidInputException("a prompt has at most " + config.maxPromptChars() + " characters");
        }
        if (prompt.indexOf('\0') >= 0) {
            throw new InvalidInputException("a prompt cannot contain NUL characters");
        }
        blocklist.firstMatch(prompt).ifPresent(rule -> {
            throw new InvalidInputException(PromptBlocklist.refusal(rule));
        });
        return prompt;
    }

    public long checkedSeed(Long seed) {
        if (seed == null || seed < 0 || seed > ImageRequest.MAX_SEED) {
            throw new InvalidInputException("seed must be a whole number from 0 to " + ImageRequest.MAX_SEED);
        }
        return seed;
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
}
