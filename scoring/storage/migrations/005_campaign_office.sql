-- The printed forms and the decision record name the submitting office (附件5 报送单位)
-- and the notice the campaign follows.
ALTER TABLE campaigns ADD COLUMN office_name TEXT DEFAULT '';
ALTER TABLE campaigns ADD COLUMN notice_title TEXT DEFAULT '';
