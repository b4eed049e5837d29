-- Previews made before this step kept the original's tags (title, artist, comment …),
-- which can name the producer to a blind judge. Make every preview again, without them;
-- the background worker also makes each judge's tag-free copy of the original first.
UPDATE media_files SET preview_status = 'pending', preview_progress = 0
 WHERE preview_status IN ('done', 'running');
