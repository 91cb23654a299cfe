-- The admin logins that are open, shared by every instance (admin/auth/AdminSessions): a login made on one is valid
-- on all, and logging out on one ends it on all. The login cookie names a login by a random 256-bit id; only that
-- id's SHA-256 is kept, so reading this table does not let anyone log in. The app keeps it bounded: at most 100
-- logins, none older than 12 hours.
CREATE TABLE admin_login (
    id_sha256  bytea PRIMARY KEY CHECK (length(id_sha256) = 32),
    csrf_token text NOT NULL CHECK (length(csrf_token) BETWEEN 32 AND 64),
    opened_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX admin_login_opened_at ON admin_login (opened_at);

-- The secrets are short (a password hash, a cookie key).
ALTER TABLE app_secret ADD CONSTRAINT app_secret_name_length CHECK (length(name) <= 100),
                       ADD CONSTRAINT app_secret_value_length CHECK (length(value) <= 1000);
