-- When a campaign's works start being shown: viewing figures captured earlier are refused.
ALTER TABLE campaigns ADD COLUMN starts_at TIMESTAMPTZ;
