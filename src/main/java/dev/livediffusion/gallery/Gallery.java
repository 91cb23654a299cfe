package dev.livediffusion.gallery;

import java.time.Instant;

public record Gallery(long id, String slug, String name, Visibility visibility, Instant createdAt, int itemCount) {

    public boolean isPublic() {
        return visibility == Visibility.PUBLIC;
    }
}
