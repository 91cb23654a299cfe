package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.infotext.Infotext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What A1111's list routes answer about this server, in the schemas of A1111's {@code modules/api/models.py}: the
 * one sampler and schedule its pipelines run, the model it serves, and no upscalers, VAEs, LoRAs or scripts (the
 * clients that list them, SillyTavern and webuiapi, take empty lists).
 */
final class A1111Catalog {

    /** A1111's {@code SamplerItem}, with A1111's own aliases for Euler a. */
    record Sampler(String name, List<String> aliases, Map<String, String> options) {
    }

    /** A1111's {@code SchedulerItem}: "Automatic" is the sampler's own schedule, the model's here. */
    record Scheduler(String name, String label, List<String> aliases,
                     @JsonProperty("default_rho") double defaultRho,
                     @JsonProperty("need_inner_model") boolean needInnerModel) {
    }

    /** A1111's {@code ScriptsList}. */
    record Scripts(List<String> txt2img, List<String> img2img) {
    }

    static final List<Sampler> SAMPLERS = List.of(new Sampler(Infotext.SAMPLER,
            List.of("k_euler_a", "k_euler_ancestral"), Map.of("uses_ensd", "True")));
    static final List<Scheduler> SCHEDULERS = List.of(new Scheduler("automatic", "Automatic", null, -1, false));
    static final Scripts SCRIPTS = new Scripts(List.of(), List.of());

    private A1111Catalog() {
    }

    /** A1111's {@code SDModelItem}s: the one model, with no file hash computed. */
    static List<Map<String, Object>> models(ModelInfo served) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", served.name());
        model.put("model_name", served.name());
        model.put("hash", null);
        model.put("sha256", null);
        model.put("filename", served.name());
        model.put("config", null);
        return List.of(model);
    }

    /** The options clients read (the served model, PNG files); those they set are not kept ({@link A1111Options}). */
    static Map<String, Object> options(ModelInfo served) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("sd_model_checkpoint", served.name());
        options.put("sd_checkpoint_hash", null);
        options.put("samples_format", "png");
        return options;
    }
}
