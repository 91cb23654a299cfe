package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.generation.ModelInfo;

/**
 * A1111's {@code POST options}: {@code sd_model_checkpoint} may name the served model (title, name or file: the same
 * here), as webuiapi's {@code util_set_model} and SillyTavern's model picker send it; another name is refused, as A1111
 * refuses a checkpoint it does not have. The other options only tune what this server does not have (samplers'
 * settings, saving, the UI) and are not kept.
 */
final class A1111Options {

    private static final String CHECKPOINT = "sd_model_checkpoint";

    private A1111Options() {
    }

    static void set(JsonNode body, ModelInfo served) {
        JsonNode checkpoint = body.get(CHECKPOINT);
        if (checkpoint == null || checkpoint.isNull()) {
            return;
        }
        if (!checkpoint.isTextual()) {
            throw A1111Exception.invalid("\"" + CHECKPOINT + "\" must be a model's title");
        }
        if (!checkpoint.textValue().equals(served.name())) {
            throw new A1111Exception(404, "model not found; this server has '" + served.name() + "'");
        }
    }
}
