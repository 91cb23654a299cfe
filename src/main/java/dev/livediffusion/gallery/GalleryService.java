package dev.livediffusion.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livediffusion.crypto.Sha256;
import dev.livediffusion.generation.ImageRequest;
import dev.livediffusion.generation.OneShotGenerator;
import dev.livediffusion.prompt.PromptPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;

/**
 * The rules around the stores, and the one way to change them: slugs that don't resolve are 404, changes need the
 * matching edit token, new items pass the {@link ItemValidator} and the {@link PromptPolicy}, new galleries and items
 * the {@link StorageQuota} of the client address that sends them.
 */
@ApplicationScoped
public class GalleryService {

    static final int MAX_NAME_CHARS = 100;
    /** Edit cookies looked at per request: each is one token check; a browser's headers hold at most a few hundred. */
    static final int MAX_EDITABLE = 200;

    private final GalleryStore store;
    private final ItemStore items;
    private final ItemValidator validator;
    private final PromptPolicy policy;
    private final OneShotGenerator generator;
    private final StorageQuota quota;
    private final GalleryConfig config;

    public GalleryService(GalleryStore store, ItemStore items, ItemValidator validator, PromptPolicy policy,
                          OneShotGenerator generator, StorageQuota quota, GalleryConfig config) {
        this.store = store;
        this.items = items;
        this.validator = validator;
        this.policy = policy;
        this.generator = generator;
        this.quota = quota;
        this.config = config;
    }

    /** A new gallery and the edit token that only its creator receives. */
    public record Created(Gallery gallery, String editToken) {
    }

    public Created create(String client, String name, Visibility visibility) {
        return create(client, name, visibility, null);
    }

    /**
     * An unlisted gallery that ends after {@code app.gallery.url-gallery-lifetime}, for pictures answered as links
     * (OpenAI's url answers); those whose end has passed are deleted first.
     */
    public Created createExpiring(String client, String name) {
        store.deleteExpired();
        return create(client, name, Visibility.UNLISTED, Instant.now().plus(config.urlGalleryLifetime()));
    }

    private Created create(String client, String name, Visibility visibility, Instant expiresAt) {
        String checked = checkedName(name);
        quota.newGallery(client);
        String token = RandomTokens.editToken();
        Gallery gallery = store.createGallery(RandomTokens.slug(), checked, visibility, Sha256.digest(token), expiresAt);
        return new Created(gallery, token);
    }

    public Gallery find(String slug) {
        if (!RandomTokens.isSlug(slug)) {
            throw new GalleryNotFoundException();
        }
        return store.findGallery(slug).orElseThrow(GalleryNotFoundException::new);
    }

    public boolean canEdit(String slug, Optional<String> token) {
        return token.isPresent() && RandomTokens.isSlug(slug) && store.tokenMatches(slug, Sha256.digest(token.get()));
    }

    /** The gallery, if the token allows changing it. */
    public Gallery editable(String slug, Optional<String> token) {
        Gallery gallery = find(slug);
        if (!canEdit(slug, token)) {
            throw new EditRefusedException();
        }
        return gallery;
    }

    public Gallery update(Gallery gallery, Optional<String> name, Optional<Visibility> visibility) {
        store.updateGallery(gallery.id(), checkedName(name.orElse(gallery.name())), visibility.orElse(gallery.visibility()));
        return find(gallery.slug());
    }

    /** Galleries this browser's cookies can edit, checked token by token. */
    public List<Gallery> editableAmong(List<String> slugs, Function<String, Optional<String>> tokens) {
        List<String> editable = editableSlugs(slugs, tokens);
        return editable.isEmpty() ? List.of() : store.galleriesBySlug(editable);
    }

    /** As {@link #editableAmong}, with each gallery's cover picture, for the "My galleries" page. */
    public List<GalleryCard> editableCardsAmong(List<String> slugs, Function<String, Optional<String>> tokens) {
        List<String> editable = editableSlugs(slugs, tokens);
        return editable.isEmpty() ? List.of() : store.cardsBySlug(editable);
    }

    private List<String> editableSlugs(List<String> slugs, Function<String, Optional<String>> tokens) {
        return slugs.stream().limit(MAX_EDITABLE).filter(slug -> canEdit(slug, tokens.apply(slug))).toList();
    }

    /** Deletes the gallery with everything in it. */
    public void delete(Gallery gallery) {
        store.deleteGallery(gallery.id());
    }

    /** Generates the picture for a prompt and seed with the app's model and saves it. */
    public Item addGenerated(String client, Gallery gallery, JsonNode prompt, JsonNode seed) {
        String text = policy.text(prompt);
        ImageRequest request = new ImageRequest(text, policy.requiredSeed(seed));
        return add(client, gallery, validator.fromGenerated(text, generator.generate(request)));
    }

    /** Saves a PNG made for a prompt that already passed the policy, as the OpenAI API answers it. */
    public Item addPicture(String client, Gallery gallery, String prompt, long seed, String model, byte[] png) {
        return add(client, gallery, validator.fromPicture(prompt, seed, model, Map.of(), png));
    }

    /** Saves frames as the live page showed them. */
    public Item addUploaded(String client, Gallery gallery, ItemValidator.UploadMeta meta, List<Path> frameFiles) {
        return add(client, gallery, validator.fromUpload(meta, frameFiles));
    }

    private Item add(String client, Gallery gallery, NewItem item) {
        quota.newItem(client, gallery, item);
        return items.addItem(gallery.id(), item);
    }

    public void deleteItem(Gallery gallery, long itemId) {
        if (!items.deleteItem(gallery.id(), itemId)) {
            throw new GalleryNotFoundException();
        }
    }

    public Item item(Gallery gallery, long itemId) {
        return items.findItem(gallery.id(), itemId).orElseThrow(GalleryNotFoundException::new);
    }

    static String checkedName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_CHARS || trimmed.indexOf('\0') >= 0) {
            throw new InvalidInputException("a gallery name has 1 to " + MAX_NAME_CHARS + " characters");
        }
        return trimmed;
    }
}
