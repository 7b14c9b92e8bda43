-- Snapshots are history: once written, a day's row never changes (trend charts must not be rewritten
-- by today's rules). A second run on the same day inserts nothing (ON CONFLICT DO NOTHING).
CREATE FUNCTION "snapshot_immutable"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is immutable (% rejected)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ServiceSnapshot_immutable"
  BEFORE UPDATE OR DELETE ON "ServiceSnapshot"
  FOR EACH ROW EXECUTE FUNCTION "snapshot_immutable"();

CREATE TRIGGER "TeamSnapshot_immutable"
  BEFORE UPDATE OR DELETE ON "TeamSnapshot"
  FOR EACH ROW EXECUTE FUNCTION "snapshot_immutable"();
