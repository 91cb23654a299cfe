-- What each item holds (its frames' bytes together), so storage quotas add up items rather than read every frame.
ALTER TABLE gallery_item ADD COLUMN byte_size bigint NOT NULL DEFAULT 0 CHECK (byte_size >= 0);
UPDATE gallery_item i SET byte_size =
    (SELECT coalesce(sum(octet_length(f.bytes)), 0) FROM gallery_frame f WHERE f.item_id = i.id);

-- Galleries made for OpenAI "url" answers end as OpenAI's links do (app.openai.url-lifetime); others never.
ALTER TABLE gallery ADD COLUMN expires_at timestamptz;
CREATE INDEX gallery_expiring ON gallery (expires_at) WHERE expires_at IS NOT NULL;
