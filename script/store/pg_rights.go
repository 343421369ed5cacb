package store

// Schema v2: roles and rights enforced by the server, leases, comments.
//
// Four group roles (cluster-wide, shared by every series on the server):
//
//	duanju_head        head writer: everything; assigns and locks episodes
//	duanju_writer      edits the episodes assigned to them (not locked), reads the rest
//	duanju_reviewer    runs the check, writes waivers (with a reason), comments
//	duanju_translator  writes subtitle tracks only
//
// A person logs in with their own role, a member of one of these (AddMember).
// Row-level security enforces it on every statement, so direct SQL with the
// same login cannot do more than the app. The database owner (the studio
// admin who pushed the project) is not subject to it.
//
// An episode is edited by one person at a time: a lease (holder, expiry)
// taken and renewed through duanju_take_lease, which another may take over
// only after it expired — or the head writer at once. The update policies
// refuse a save while someone else holds an unexpired lease.
//
// Comments are threaded (parent), anchored to a line span by the quoted
// text of those lines (see Comments), resolved or not.
const pgSchemaV2 = `
DO $$
DECLARE r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['duanju_head', 'duanju_writer', 'duanju_reviewer', 'duanju_translator'] LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
			EXECUTE format('CREATE ROLE %I NOLOGIN', r);
		END IF;
	END LOOP;
END $$;

ALTER TABLE episode ADD COLUMN assignee text;
ALTER TABLE episode ADD COLUMN locked boolean NOT NULL DEFAULT false;

CREATE TABLE lease (
	episode_id text PRIMARY KEY,
	holder     text NOT NULL,
	expires    timestamptz NOT NULL
);

CREATE TABLE comment (
	id         bigserial PRIMARY KEY,
	episode_id text NOT NULL,
	parent_id  bigint REFERENCES comment(id) ON DELETE CASCADE,
	author     text NOT NULL DEFAULT current_user,
	created    timestamptz NOT NULL DEFAULT now(),
	body       text NOT NULL,
	line_from  integer NOT NULL DEFAULT 0,
	line_to    integer NOT NULL DEFAULT 0,
	quote      text NOT NULL DEFAULT '',
	resolved   boolean NOT NULL DEFAULT false,
	resolved_by text NOT NULL DEFAULT ''
);
CREATE INDEX comment_episode ON comment(episode_id, id);
CREATE TRIGGER comment_notify AFTER INSERT OR UPDATE OR DELETE ON comment
	FOR EACH STATEMENT EXECUTE FUNCTION duanju_notify_table();

CREATE FUNCTION duanju_is(r text) RETURNS boolean LANGUAGE sql STABLE
	AS $f$ SELECT pg_has_role(current_user, r, 'MEMBER') $f$;

-- No one but the holder may save while a lease has not expired.
CREATE FUNCTION duanju_free_for_me(ep text) RETURNS boolean LANGUAGE sql STABLE
	AS $f$ SELECT NOT EXISTS (SELECT 1 FROM lease l WHERE l.episode_id = ep AND l.holder <> current_user AND l.expires > now()) $f$;

CREATE FUNCTION duanju_take_lease(ep text, secs integer, force boolean)
	RETURNS TABLE(holder text, expires timestamptz)
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $f$
DECLARE
	me text := session_user;
	cur lease%ROWTYPE;
BEGIN
	INSERT INTO lease(episode_id, holder, expires) VALUES(ep, me, now() + secs * interval '1 second')
		ON CONFLICT (episode_id) DO NOTHING;
	SELECT * INTO cur FROM lease l WHERE l.episode_id = ep FOR UPDATE;
	IF cur.holder = me OR cur.expires <= now() OR (force AND pg_has_role(me, 'duanju_head', 'MEMBER')) THEN
		UPDATE lease l SET holder = me, expires = now() + secs * interval '1 second' WHERE l.episode_id = ep;
		IF cur.holder IS DISTINCT FROM me OR cur.expires <= now() THEN
			PERFORM pg_notify('duanju', json_build_object('table', 'lease', 'id', ep, 'by', me)::text);
		END IF;
	END IF;
	RETURN QUERY SELECT l.holder, l.expires FROM lease l WHERE l.episode_id = ep;
END $f$;

CREATE FUNCTION duanju_release_lease(ep text) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $f$
BEGIN
	DELETE FROM lease l WHERE l.episode_id = ep AND l.holder = session_user;
	IF FOUND THEN
		PERFORM pg_notify('duanju', json_build_object('table', 'lease', 'id', ep, 'by', session_user)::text);
	END IF;
END $f$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO duanju_head, duanju_writer, duanju_reviewer, duanju_translator;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO duanju_head, duanju_writer, duanju_reviewer, duanju_translator;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO duanju_head, duanju_writer, duanju_reviewer, duanju_translator;
GRANT INSERT, UPDATE, DELETE ON project, episode, snapshot TO duanju_head;
GRANT UPDATE ON episode TO duanju_writer;
GRANT INSERT, DELETE ON snapshot TO duanju_writer;
GRANT INSERT, UPDATE, DELETE ON project TO duanju_writer, duanju_reviewer, duanju_translator;
GRANT INSERT ON comment TO duanju_head, duanju_writer, duanju_reviewer, duanju_translator;
GRANT UPDATE (resolved, resolved_by) ON comment TO duanju_head, duanju_writer, duanju_reviewer, duanju_translator;
GRANT DELETE ON comment TO duanju_head;
REVOKE ALL ON FUNCTION duanju_take_lease(text, integer, boolean), duanju_release_lease(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION duanju_take_lease(text, integer, boolean), duanju_release_lease(text)
	TO duanju_head, duanju_writer, duanju_reviewer, duanju_translator;

ALTER TABLE episode ENABLE ROW LEVEL SECURITY;
ALTER TABLE project ENABLE ROW LEVEL SECURITY;
ALTER TABLE snapshot ENABLE ROW LEVEL SECURITY;
ALTER TABLE comment ENABLE ROW LEVEL SECURITY;

CREATE POLICY read_all ON episode FOR SELECT USING (true);
CREATE POLICY head_insert ON episode FOR INSERT TO duanju_head WITH CHECK (true);
CREATE POLICY head_delete ON episode FOR DELETE TO duanju_head USING (duanju_free_for_me(id));
CREATE POLICY head_update ON episode FOR UPDATE TO duanju_head
	USING (duanju_free_for_me(id)) WITH CHECK (true);
CREATE POLICY writer_update ON episode FOR UPDATE TO duanju_writer
	USING (assignee = current_user AND NOT locked AND duanju_free_for_me(id))
	WITH CHECK (assignee = current_user AND NOT locked);

CREATE POLICY read_all ON project FOR SELECT USING (true);
CREATE POLICY head_all ON project FOR ALL TO duanju_head USING (true) WITH CHECK (true);
CREATE POLICY writer_sections ON project FOR ALL TO duanju_writer
	USING (key IN ('provenance', 'summaries')) WITH CHECK (key IN ('provenance', 'summaries'));
CREATE POLICY reviewer_waivers ON project FOR ALL TO duanju_reviewer
	USING (key = 'waivers') WITH CHECK (key = 'waivers');
CREATE POLICY translator_tracks ON project FOR ALL TO duanju_translator
	USING (key = 'tracks') WITH CHECK (key = 'tracks');

CREATE POLICY read_all ON snapshot FOR SELECT USING (true);
CREATE POLICY head_write ON snapshot FOR INSERT TO duanju_head WITH CHECK (author = current_user);
CREATE POLICY head_delete ON snapshot FOR DELETE TO duanju_head USING (true);
CREATE POLICY writer_write ON snapshot FOR INSERT TO duanju_writer
	WITH CHECK (author = current_user AND EXISTS (SELECT 1 FROM episode e WHERE e.id = episode_id AND e.assignee = current_user));
CREATE POLICY writer_thin ON snapshot FOR DELETE TO duanju_writer
	USING (kind = 'auto' AND EXISTS (SELECT 1 FROM episode e WHERE e.id = episode_id AND e.assignee = current_user));

CREATE POLICY read_all ON comment FOR SELECT USING (true);
CREATE POLICY add_own ON comment FOR INSERT WITH CHECK (author = current_user AND resolved_by = '');
CREATE POLICY resolve ON comment FOR UPDATE USING (true) WITH CHECK (resolved_by IN ('', current_user));
CREATE POLICY head_delete ON comment FOR DELETE TO duanju_head USING (true);
`
