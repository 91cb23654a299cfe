-- A saved video clip plays at the frame rate it was made at; typing flipbooks (null) keep the default pace.
ALTER TABLE gallery_item
    ADD COLUMN frame_rate double precision CHECK (frame_rate BETWEEN 0.1 AND 120),
    ADD CONSTRAINT gallery_item_frame_rate_flipbook CHECK (frame_rate IS NULL OR kind = 'flipbook');
