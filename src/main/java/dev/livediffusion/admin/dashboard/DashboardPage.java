package dev.livediffusion.admin.dashboard;

import jakarta.annotation.security.RolesAllowed;
import dev.livediffusion.admin.auth.AdminIdentity;
import dev.livediffusion.database.StorageException;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.ModelInfo;
import dev.livediffusion.generation.VideoModel;
import dev.livediffusion.generation.VideoPipeline;
import dev.livediffusion.instances.InstanceInfo;
import dev.livediffusion.instances.Instances;
import dev.livediffusion.live.VideoStreamer;
import dev.livediffusion.live.FrameScheduler;
import dev.livediffusion.live.LatencyHistogram;
import dev.livediffusion.live.LiveSessions;
import dev.livediffusion.live.LiveSettings;
import dev.livediffusion.live.LiveStats;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The admin dashboard: the model's placement, and live load that refreshes itself every two seconds (htmx): this
 * instance's in detail, and every instance on the database in one line each.
 */
@RolesAllowed(AdminIdentity.ROLE)
@Path("/admin")
@Produces(MediaType.TEXT_HTML)
public class DashboardPage {

    @CheckedTemplate(basePath = "admin/dashboard")
    static class Templates {
        static native TemplateInstance page(List<ModelInfo> models, int maxBatch);

        static native TemplateInstance load(LiveLoad load);
    }

    /** One snapshot of everything the live part of the dashboard shows. */
    public record LiveLoad(int connections, int maxConnections, int inFlight, int pending, int queued, double framesPerSecond,
                           long promptsReceived, long framesSent, long videoFramesSent, int videosRunning, long staleSkipped, long duplicatesReused, long refused,
                           List<BatchCount> batches, List<LatencyHistogram> stages, MemoryReadout.Heap heap,
                           OptionalLong residentMiB, List<MemoryReadout.Gpu> gpus, DatabaseStatus.State database,
                           List<InstanceInfo> instances) {
    }

    public record BatchCount(String size, long calls) {
    }

    @Inject
    ImagePipeline pipeline;
    @Inject
    VideoModel videoModel;
    @Inject
    LiveSessions sessions;
    @Inject
    LiveSettings settings;
    @Inject
    LiveStats stats;
    @Inject
    FrameScheduler scheduler;
    @Inject
    VideoStreamer videos;
    @Inject
    MemoryReadout memory;
    @Inject
    DatabaseStatus database;
    @Inject
    Instances instances;

    @GET
    public TemplateInstance page() {
        List<ModelInfo> models = new ArrayList<>();
        models.add(pipeline.info());
        videoModel.pipeline().map(VideoPipeline::info).ifPresent(models::add);
        return Templates.page(models, scheduler.maxBatch());
    }

    @GET
    @Path("dashboard/load")
    public TemplateInstance load() {
        int queued = scheduler.queued();
        return Templates.load(new LiveLoad(sessions.count(), settings.maxConnections(),
                Math.max(0, sessions.scheduled() - queued), sessions.pending(), queued, stats.framesPerSecond(),
                stats.promptsReceived(), stats.framesSent(), stats.videoFramesSent(), videos.running(), stats.staleSkipped(), stats.duplicatesReused(), stats.refused(),
                batches(stats.batchSizes()), stats.stageHistograms(), memory.heap(), memory.residentMiB(), memory.gpus(),
                database.check(), instances()));
    }

    /** Empty while the database is away: the rest of the dashboard still shows this instance. */
    private List<InstanceInfo> instances() {
        try {
            return instances.live();
        } catch (StorageException e) {
            return List.of();
        }
    }

    private static List<BatchCount> batches(long[] counts) {
        List<BatchCount> batches = new ArrayList<>();
        for (int size = 1; size < counts.length; size++) {
            if (counts[size] > 0) {
                batches.add(new BatchCount(size == counts.length - 1 ? size + "+" : String.valueOf(size), counts[size]));
            }
        }
        return batches;
    }
}
