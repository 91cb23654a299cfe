package dev.livediffusion.compat.a1111;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livediffusion.compat.PngPictures;
import dev.livediffusion.infotext.Infotext;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code info} of a txt2img answer: the JSON text A1111's {@code Processed.js()} writes, with the values this
 * server used (its sampler and no guidance whatever the request asked, the steps it ran), no negative prompt, and
 * in {@code extra_generation_params} the size a scaled picture was drawn at.
 */
final class Txt2ImgInfo {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Txt2ImgInfo() {
    }

    static String json(Txt2ImgRequest request, List<PngPictures.Picture> pictures) {
        PngPictures.Picture first = pictures.get(0);
        List<String> empty = Collections.nCopies(pictures.size(), "");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("prompt", request.prompt());
        info.put("all_prompts", Collections.nCopies(pictures.size(), request.prompt()));
        info.put("negative_prompt", "");
        info.put("all_negative_prompts", empty);
        info.put("seed", first.infotext().seed());
        info.put("all_seeds", pictures.stream().map(p -> p.infotext().seed()).toList());
        info.put("subseed_strength", 0);
        info.put("width", first.infotext().width());
        info.put("height", first.infotext().height());
        info.put("sampler_name", Infotext.SAMPLER);
        info.put("cfg_scale", (double) Infotext.CFG_SCALE);
        info.put("steps", request.parameters().steps());
        info.put("batch_size", request.batchSize());
        info.put("restore_faces", false);
        info.put("sd_model_name", first.infotext().model());
        info.put("sd_model_hash", null);
        info.put("seed_resize_from_w", -1);
        info.put("seed_resize_from_h", -1);
        info.put("extra_generation_params", first.drawnAt().map(d -> Map.of(PngPictures.DRAWN_AT, d.toString()))
                .orElse(Map.of()));
        info.put("index_of_first_image", 0);
        info.put("infotexts", pictures.stream().map(PngPictures.Picture::parameters).toList());
        info.put("styles", List.of());
        info.put("job_timestamp", LocalDateTime.now().format(A1111Jobs.TIMESTAMP));
        info.put("clip_skip", 1);
        info.put("version", "live-diffusion");
        try {
            return JSON.writeValueAsString(info);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
