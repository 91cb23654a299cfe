package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.livediffusion.compat.PictureSize;
import dev.livediffusion.compat.PngPictures;
import dev.livediffusion.generation.ImageParameters;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.prompt.PromptPolicy;

/**
 * What of A1111's {@code StableDiffusionTxt2ImgProcessingAPI} this server honours: prompt, seed (-1: random),
 * batch_size and n_iter (pictures with seed, seed+1, …), steps (1 to 4; more, as A1111 clients send by default,
 * run 4: a Turbo model gains nothing past it, and info says so), width and height (absent: the model's; where
 * the model cannot draw them, drawn at its own size and scaled, which info says) and send_images.
 * What it cannot do is refused; what only tunes a sampler it does not have is ignored, and the answer's info says
 * what was used instead (README: "A1111 and OpenAI clients").
 */
record Txt2ImgRequest(String prompt, long seed, ImageParameters parameters, PictureSize size, int batchSize,
                      int iterations, boolean sendImages) {

    /** Pictures one request may ask for, all batches together: each takes its turn on the engine. */
    static final int MAX_PICTURES = 16;

    static Txt2ImgRequest parse(JsonNode body, PromptPolicy policy, ModelInfo model) {
        refuseUnsupported(body);
        Integer steps = body.hasNonNull("steps") ? Math.min(integer(body, "steps", 0), ImageParameters.MAX_STEPS) : null;
        int width = integer(body, "width", model.width());
        int height = integer(body, "height", model.height());
        if (!PictureSize.fits(width) || !PictureSize.fits(height)) {
            throw A1111Exception.invalid("\"width\" and \"height\" must be from " + PictureSize.MIN_SIDE + " to "
                    + PictureSize.MAX_SIDE);
        }
        PictureSize size = new PictureSize(width, height);
        ImageParameters parameters;
        try {
            parameters = size.drawing(model, steps);
        } catch (ImageParameters.Refused e) {
            throw A1111Exception.invalid(e.getMessage());
        }
        int batchSize = integer(body, "batch_size", 1);
        int iterations = integer(body, "n_iter", 1);
        if (batchSize < 1 || iterations < 1 || (long) batchSize * iterations > MAX_PICTURES) {
            throw A1111Exception.invalid("batch_size and n_iter must be at least 1, and ask for at most " + MAX_PICTURES
                    + " pictures together");
        }
        String prompt = policy.text(body.has("prompt") ? body.get("prompt") : TextNode.valueOf(""));
        JsonNode seedNode = body.get("seed");
        boolean random = seedNode != null && seedNode.isNumber() && seedNode.asDouble() == -1;
        long seed = policy.seed(random ? null : seedNode, PngPictures::randomSeed);
        if (seed > PromptPolicy.MAX_SEED - ((long) batchSize * iterations - 1)) {
            throw A1111Exception.invalid("seed + pictures - 1 must stay at most " + PromptPolicy.MAX_SEED);
        }
        JsonNode send = body.path("send_images");
        return new Txt2ImgRequest(prompt, seed, parameters, size, batchSize, iterations,
                send.isMissingNode() || send.asBoolean(true));
    }

    int pictures() {
        return batchSize * iterations;
    }

    /** A1111's own answers where it has them (unknown scripts), else a refusal that names the field. */
    private static void refuseUnsupported(JsonNode body) {
        for (String flag : new String[] {"enable_hr", "restore_faces", "tiling"}) {
            if (body.path(flag).asBoolean(false)) {
                throw A1111Exception.invalid("\"" + flag + "\" is not available on this server");
            }
        }
        if (body.path("subseed_strength").asDouble(0) != 0) {
            throw A1111Exception.invalid("variation seeds (\"subseed_strength\") are not available on this server");
        }
        if (body.hasNonNull("script_name") && !body.get("script_name").asText().isEmpty()) {
            throw A1111Exception.invalid("Script not found");
        }
        body.path("alwayson_scripts").fieldNames().forEachRemaining(name -> {
            throw A1111Exception.invalid("always on script " + name + " not found");
        });
    }

    private static int integer(JsonNode body, String field, int absent) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw A1111Exception.invalid("\"" + field + "\" must be an integer");
        }
        return node.intValue();
    }
}
