-- Moderation: hidden galleries and items stay stored but no public page or API shows them.
ALTER TABLE gallery ADD COLUMN hidden boolean NOT NULL DEFAULT false;
ALTER TABLE gallery_item ADD COLUMN hidden boolean NOT NULL DEFAULT false;
CREATE INDEX gallery_item_all_newest ON gallery_item (id DESC);
