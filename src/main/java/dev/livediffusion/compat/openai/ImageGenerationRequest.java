package dev.livediffusion.compat.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.prompt.PromptPolicy;

/**
 * What of OpenAI's image generation request this server honours: prompt, n (1–10), model (this server's, or none),
 * size ("auto" or the model's own) and the answer as {@code b64_json} PNG or a {@code url} of the picture saved in a
 * gallery. Other sizes, formats and streaming are refused; quality, style, background, moderation,
 * output_compression and user are ignored.
 */
record ImageGenerationRequest(String prompt, int n, boolean asUrl) {

    /** OpenAI's own bound on n. */
    static final int MAX_N = 10;

    static ImageGenerationRequest parse(JsonNode body, PromptPolicy policy, ModelInfo model) {
        if (!body.hasNonNull("prompt")) {
            throw OpenAiError.Refused.invalid("prompt", "missing_required_parameter",
                    "Missing required parameter: 'prompt'.");
        }
        String prompt = policy.text(body.get("prompt"));
        String name = text(body, "model", model.name());
        if (!name.equals(model.name())) {
            throw new OpenAiError.Refused(404, "invalid_request_error", "model", "model_not_found",
                    "The model '" + name + "' does not exist on this server; it has '" + model.name() + "'.");
        }
        JsonNode n = body.path("n");
        if (!n.isMissingNode() && !n.isNull() && (!n.isIntegralNumber() || n.asLong() < 1 || n.asLong() > MAX_N)) {
            throw OpenAiError.Refused.invalid("n", "invalid_value", "'n' must be an integer from 1 to " + MAX_N + ".");
        }
        String ownSize = model.width() + "x" + model.height();
        String size = text(body, "size", "auto");
        if (!size.equals("auto") && !size.equals(ownSize)) {
            throw OpenAiError.Refused.invalid("size", "unsupported_value", "Invalid size '" + size
                    + "': this server's model draws " + ownSize + " only.");
        }
        String format = text(body, "response_format", "b64_json");
        if (!format.equals("b64_json") && !format.equals("url")) {
            throw OpenAiError.Refused.invalid("response_format", "unsupported_value",
                    "Invalid response_format '" + format + "': b64_json or url.");
        }
        if (!text(body, "output_format", "png").equals("png")) {
            throw OpenAiError.Refused.invalid("output_format", "unsupported_value", "This server writes png only.");
        }
        if (body.path("stream").asBoolean(false)) {
            throw OpenAiError.Refused.invalid("stream", "unsupported_value", "This server does not stream images.");
        }
        return new ImageGenerationRequest(prompt, n.isIntegralNumber() ? n.intValue() : 1, format.equals("url"));
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
