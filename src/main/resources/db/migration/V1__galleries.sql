-- Galleries reached only through an unguessable slug; the edit token is kept as its SHA-256 only.
CREATE TABLE gallery (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug            text        NOT NULL UNIQUE CHECK (slug ~ '^[A-Za-z0-9_-]{24}$'),
    name            text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    visibility      text        NOT NULL DEFAULT 'unlisted' CHECK (visibility IN ('unlisted', 'public')),
    edit_token_hash bytea       NOT NULL CHECK (octet_length(edit_token_hash) = 32),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gallery_public_newest ON gallery (id DESC) WHERE visibility = 'public';

-- A saved picture ('frame') or a typing session's frames ('flipbook'); prompt and seed are those of the
-- last frame, which is also the cover.
CREATE TABLE gallery_item (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gallery_id  bigint      NOT NULL REFERENCES gallery (id) ON DELETE CASCADE,
    kind        text        NOT NULL CHECK (kind IN ('frame', 'flipbook')),
    prompt      text        NOT NULL,
    seed        bigint      NOT NULL CHECK (seed >= 0),
    model       text        NOT NULL,
    timings     jsonb       NOT NULL DEFAULT '{}',
    width       integer     NOT NULL CHECK (width > 0),
    height      integer     NOT NULL CHECK (height > 0),
    frame_count integer     NOT NULL CHECK (frame_count >= 1),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gallery_item_newest ON gallery_item (gallery_id, id DESC);

-- Encoded image bytes exactly as received, one row per frame in play order.
CREATE TABLE gallery_frame (
    item_id  bigint  NOT NULL REFERENCES gallery_item (id) ON DELETE CASCADE,
    position integer NOT NULL CHECK (position >= 0),
    prompt   text    NOT NULL,
    mime     text    NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
    sha256   text    NOT NULL,
    bytes    bytea   NOT NULL,
    PRIMARY KEY (item_id, position)
);
