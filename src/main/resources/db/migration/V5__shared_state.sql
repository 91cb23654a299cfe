-- What every app instance on this database must agree on. A change is announced with pg_notify('shared_changes',
-- <topic>) in the writing transaction; each instance LISTENs and reloads (shared/SharedChanges).

-- The admin's runtime settings (admin/settings), one row a setting; a setting without a row has its configured value.
CREATE TABLE runtime_setting (
    name  text PRIMARY KEY CHECK (length(name) <= 100),
    value text NOT NULL CHECK (length(value) <= 100)
);

-- The prompt blocklist (blocklist/), in the order entries were added.
CREATE TABLE blocklist_rule (
    id    bigserial PRIMARY KEY,
    kind  text NOT NULL CHECK (kind IN ('word', 'pattern')),
    value text NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
    UNIQUE (kind, value)
);

-- Secrets made once and shared by every instance: the generated admin password's hash.
CREATE TABLE app_secret (
    name  text PRIMARY KEY,
    value text NOT NULL
);

-- The files under data/ that were imported once, so that the database is the truth from then on.
CREATE TABLE file_import (
    name        text PRIMARY KEY,
    imported_at timestamptz NOT NULL DEFAULT now()
);

-- Every running instance, written by its heartbeat; the admin dashboard lists the ones seen lately.
CREATE TABLE app_instance (
    name              text PRIMARY KEY CHECK (length(name) <= 100),
    models            text NOT NULL,
    connections       integer NOT NULL,
    frames_per_second double precision NOT NULL,
    started_at        timestamptz NOT NULL,
    seen_at           timestamptz NOT NULL
);
