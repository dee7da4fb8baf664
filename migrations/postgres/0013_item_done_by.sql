-- Who marked an action item done, shown on the item ("done by @x").
ALTER TABLE action_items ADD COLUMN done_by TEXT;
