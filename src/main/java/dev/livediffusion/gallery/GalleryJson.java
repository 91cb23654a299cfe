package dev.livediffusion.gallery;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The REST API's JSON shapes (documented in docs/galleries.md). */
final class GalleryJson {

    private GalleryJson() {
    }

    record CreateRequest(String name, String visibility) {
    }

    record UpdateRequest(String name, String visibility) {
    }

    /** Kept as JSON so that the prompt policy judges the values as sent (a seed of "7" or 1.5 is refused). */
    record GenerateRequest(JsonNode prompt, JsonNode seed) {
    }

    record Created(String slug, String shareUrl, String editToken) {
    }

    record Summary(String slug, String name, String visibility, String shareUrl, int itemCount, Instant createdAt) {
        static Summary of(Gallery g, Links links) {
            return new Summary(g.slug(), g.name(), g.visibility().value(), links.absolute(Links.share(g.slug())),
                    g.itemCount(), g.createdAt());
        }
    }

    record Listing(String slug, String name, String visibility, String shareUrl, int itemCount, Instant createdAt,
                   List<ItemView> items, String next) {
    }

    record FrameView(String prompt, String imageUrl) {
    }

    /** {@code frameRate} is set for saved videos; {@code gifUrl} and {@code mp4Url} for flipbooks. */
    record ItemView(long id, String kind, String prompt, long seed, String model, int width, int height,
                    Double frameRate, Map<String, Double> timingsMs, Instant createdAt, String pageUrl, String imageUrl,
                    String downloadUrl, String gifUrl, String mp4Url, List<FrameView> frames) {
        static ItemView of(String slug, Item item, Links links) {
            List<String> prompts = item.framePrompts();
            List<FrameView> frames = IntStream.range(0, prompts.size())
                    .mapToObj(i -> new FrameView(prompts.get(i), links.absolute(Links.frame(slug, item.id(), i))))
                    .toList();
            boolean animated = item.kind() == ItemKind.FLIPBOOK;
            return new ItemView(item.id(), item.kind().value(), item.prompt(), item.seed(), item.model(), item.width(),
                    item.height(), item.frameRate(), item.timingsMs(), item.createdAt(),
                    links.absolute(Links.item(slug, item.id())),
                    links.absolute(Links.frame(slug, item.id(), item.coverFrame())),
                    links.absolute(Links.download(slug, item.id())),
                    animated ? links.absolute(Links.flipbookFile(slug, item.id(), "gif")) : null,
                    animated ? links.absolute(Links.flipbookFile(slug, item.id(), "mp4")) : null, frames);
        }
    }
}
