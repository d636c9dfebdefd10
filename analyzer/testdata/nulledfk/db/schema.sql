CREATE TABLE lists (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE media (id serial PRIMARY KEY);
CREATE TABLE campaigns (id serial PRIMARY KEY);

-- The upsert's target (campaign_id, list_id) holds a column the database
-- sets NULL itself when its list is deleted: those rows are kept on
-- purpose (list_name remembers the list), so no IDEM101, and -v says why.
CREATE TABLE campaign_lists (
    id bigserial PRIMARY KEY,
    campaign_id integer NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    list_id integer NULL REFERENCES lists (id) ON DELETE SET NULL ON UPDATE CASCADE, -- want "IDEM101 not reported: campaign_lists.list_id is a key of unique index campaign_lists_campaign_id_list_id_idx \\(campaign_id, list_id\\) only \\(used as the ON CONFLICT target at db/nulledfk.go:11\\), and its foreign key sets it NULL when the row it references is deleted \\(ON DELETE SET NULL\\): those NULLs are kept on purpose, and NOT NULL would make the delete fail"
    list_name text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX ON campaign_lists (campaign_id, list_id);

-- Two nullable columns in the target: campaign_id is nullable for no
-- reason (IDEM101, alone), media_id by its table constraint's ON DELETE
-- SET NULL (a note).
CREATE TABLE campaign_media (
    campaign_id integer REFERENCES campaigns (id) ON DELETE CASCADE, -- want "IDEM101: idempotency key campaign_media.campaign_id \\(used as the ON CONFLICT target at db/nulledfk.go:12\\) is nullable, but NULLs are distinct in PostgreSQL unique index campaign_media_ids \\(campaign_id, media_id\\)"
    media_id integer, -- want "IDEM101 not reported: campaign_media.media_id is a key of unique index campaign_media_ids \\(campaign_id, media_id\\) only"
    filename text NOT NULL DEFAULT '',
    CONSTRAINT campaign_media_fk FOREIGN KEY (media_id) REFERENCES media (id) MATCH SIMPLE ON UPDATE CASCADE ON DELETE SET NULL
);
CREATE UNIQUE INDEX campaign_media_ids ON campaign_media (campaign_id, media_id);

-- ON UPDATE SET NULL is no delete's doing, and a plain nullable foreign
-- key says nothing: both reported.
CREATE TABLE campaign_tags (
    campaign_id integer NOT NULL,
    tag_id integer REFERENCES lists (id) ON UPDATE SET NULL ON DELETE CASCADE, -- want "IDEM101: idempotency key campaign_tags.tag_id \\(used as the ON CONFLICT target at db/nulledfk.go:13\\) is nullable"
    UNIQUE (campaign_id, tag_id)
);

-- A foreign key added by a later ALTER TABLE counts the same.
CREATE TABLE list_subscribers (
    list_id integer NOT NULL,
    subscriber_id integer -- want "IDEM101 not reported: list_subscribers.subscriber_id is a key of unique index list_subscribers_list_id_subscriber_id_idx \\(list_id, subscriber_id\\) only"
);
ALTER TABLE list_subscribers ADD CONSTRAINT list_subscribers_fk FOREIGN KEY (subscriber_id) REFERENCES lists (id) ON DELETE SET NULL;
CREATE UNIQUE INDEX ON list_subscribers (list_id, subscriber_id);

-- A key by its name is reported whatever its foreign key does.
CREATE TABLE requests (key text PRIMARY KEY);
CREATE TABLE payments (
    id bigserial PRIMARY KEY,
    idempotency_key text UNIQUE REFERENCES requests (key) ON DELETE SET NULL -- want "IDEM101: idempotency key payments.idempotency_key is nullable"
);
