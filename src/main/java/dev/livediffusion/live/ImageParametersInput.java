package dev.livediffusion.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.ImageParameters;
import dev.livediffusion.generation.ImageParameters.Refused;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.prompt.PromptPolicy;

import java.util.List;

/**
 * The optional {@code steps}, {@code width} and {@code height} of an image prompt (REST and live), and the refusal of
 * guidance fields: the Turbo models are distilled without classifier-free guidance, so no model here takes them.
 */
final class ImageParametersInput {

    /** Guidance fields in the live protocol's spelling and the REST API's. */
    static final List<String> GUIDANCE = List.of("negativePrompt", "guidanceScale", "negative_prompt", "guidance_scale");
    static final String NO_GUIDANCE = "guidance_unavailable";

    private ImageParametersInput() {
    }

    /** @throws Refused a bad value, a size the model cannot draw, or a guidance field */
    static ImageParameters read(JsonNode node, ModelInfo model) {
        for (String field : GUIDANCE) {
            if (node.has(field)) {
                throw new Refused(NO_GUIDANCE, "the model " + model.name()
                        + " is distilled without guidance: \"" + field + "\" cannot be used");
            }
        }
        return ImageParameters.of(model, integer(node, "steps", "bad_steps"), integer(node, "width", "bad_size"),
                integer(node, "height", "bad_size"));
    }

    /** Whether the message names any of the image parameters (a video prompt may not). */
    static boolean named(JsonNode node) {
        return node.has("steps") || node.has("width") || node.has("height") || GUIDANCE.stream().anyMatch(node::has);
    }

    private static Integer integer(JsonNode node, String field, String code) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Long whole = PromptPolicy.wholeNumber(value);
        if (whole == null || whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE) {
            throw new Refused(code, "\"" + field + "\" must be an integer");
        }
        return whole.intValue();
    }
}
