package dev.livediffusion.live;

import jakarta.annotation.security.PermitAll;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.generation.VideoModel;
import dev.livediffusion.generation.VideoPipeline;
import dev.livediffusion.prompt.PromptPolicy;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The live page, optionally opened with a prompt and seed (a gallery's "remix"), and its status line. */
@PermitAll
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LivePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance live(String prompt, long seed, int maxTokens, int maxPromptChars, String modelName,
                                            int videoFrameRate, PromptGuide guide);

        static native TemplateInstance status(int connections, long framesSent, long staleSkipped,
                                              String lastEngineMs, int queued);
    }

    @Inject
    ImagePipeline pipeline;
    @Inject
    LiveSettings settings;
    @Inject
    LiveSessions sessions;
    @Inject
    LiveStats stats;
    @Inject
    FrameScheduler scheduler;
    @Inject
    VideoModel videoModel;
    @Inject
    PromptGuide guide;
    @Inject
    PromptPolicy policy;

    @GET
    public TemplateInstance live(@QueryParam("prompt") String prompt, @QueryParam("seed") String seed) {
        long start = seedOf(seed);
        ModelInfo image = pipeline.info();
        return Templates.live(prompt, start, image.maxTokens(), policy.maxChars(), image.name(),
                videoModel.pipeline().map(VideoPipeline::frameRate).orElse(0), guide);
    }

    /** A shared link's seed, else this connection's: a mistyped one ({@code ?seed=abc}) still opens the page. */
    private long seedOf(String text) {
        try {
            long seed = Long.parseLong(text == null ? "" : text.strip());
            return seed >= 0 && seed <= PromptPolicy.MAX_SEED ? seed : settings.connectionSeed();
        } catch (NumberFormatException e) {
            return settings.connectionSeed();
        }
    }

    @GET
    @Path("status")
    public TemplateInstance status() {
        return Templates.status(sessions.count(), stats.framesSent(), stats.staleSkipped(),
                String.format("%.1f", stats.lastEngineMs()), scheduler.queued());
    }
}
