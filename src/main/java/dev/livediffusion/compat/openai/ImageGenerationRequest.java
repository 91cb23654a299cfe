package dev.livediffusion.compat.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.compat.PictureSize;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.prompt.PromptPolicy;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of OpenAI's image generation request this server honours: prompt, n (1–10), model (this server's, one of
 * the OpenAI names it answers to, or none), size ("auto": the model's own; any other "WxH", OpenAI's among them,
 * drawn at the model's size and scaled where the model cannot draw it) and the answer as {@code b64_json} PNG or a
 * {@code url} of the picture saved in a gallery (by default for "dall-e-2" and "dall-e-3", as OpenAI answers
 * them). Formats other than png and streaming are refused; quality, style, background (the pictures are opaque),
 * moderation, output_compression and user are ignored, as other OpenAI-compatible servers ignore them.
 */
record ImageGenerationRequest(String prompt, int n, PictureSize size, boolean asUrl) {

    /** OpenAI's own bound on n. */
    static final int MAX_N = 10;
    /** The models OpenAI answers with URLs when no response_format is given. */
    private static final Set<String> URL_BY_DEFAULT = Set.of("dall-e-2", "dall-e-3");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    static ImageGenerationRequest parse(JsonNode body, PromptPolicy policy, ModelInfo model, Set<String> aliases) {
        if (!body.hasNonNull("prompt")) {
            throw OpenAiError.Refused.invalid("prompt", "missing_required_parameter",
                    "Missing required parameter: 'prompt'.");
        }
        String prompt = policy.text(body.get("prompt"));
        String name = text(body, "model", model.name());
        if (!name.equals(model.name()) && !aliases.contains(name)) {
            throw new OpenAiError.Refused(404, "invalid_request_error", "model", "model_not_found",
                    "This server has the model '" + model.name() + "' and answers to " + String.join(", ", aliases)
                            + "; not to the model asked for.");
        }
        JsonNode n = body.path("n");
        if (!n.isMissingNode() && !n.isNull() && (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > MAX_N)) {
            throw OpenAiError.Refused.invalid("n", "invalid_value", "'n' must be an integer from 1 to " + MAX_N + ".");
        }
        String format = text(body, "response_format", URL_BY_DEFAULT.contains(name) ? "url" : "b64_json");
        if (!format.equals("b64_json") && !format.equals("url")) {
            throw OpenAiError.Refused.invalid("response_format", "unsupported_value",
                    "Invalid response_format: b64_json or url.");
        }
        if (!text(body, "output_format", "png").equals("png")) {
            throw OpenAiError.Refused.invalid("output_format", "unsupported_value", "This server writes png only.");
        }
        if (body.path("stream").asBoolean(false)) {
            throw OpenAiError.Refused.invalid("stream", "unsupported_value", "This server does not stream images.");
        }
        return new ImageGenerationRequest(prompt, n.isIntegralNumber() ? n.intValue() : 1,
                size(text(body, "size", "auto"), model), format.equals("url"));
    }

    private static PictureSize size(String size, ModelInfo model) {
        if (size.equals("auto")) {
            return PictureSize.of(model);
        }
        Matcher wxh = SIZE.matcher(size);
        if (!wxh.matches() || !PictureSize.fits(Integer.parseInt(wxh.group(1)))
                || !PictureSize.fits(Integer.parseInt(wxh.group(2)))) {
            throw OpenAiError.Refused.invalid("size", "invalid_value", "'size' must be 'auto' or WIDTHxHEIGHT, each"
                    + " side from " + PictureSize.MIN_SIDE + " to " + PictureSize.MAX_SIDE + ".");
        }
        return new PictureSize(Integer.parseInt(wxh.group(1)), Integer.parseInt(wxh.group(2)));
    }

    private static String text(JsonNode body, String field, String absent) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isTextual()) {
            throw OpenAiError.Refused.invalid(field, "invalid_type", "'" + field + "' must be a string.");
        }
        return node.textValue();
    }
}
