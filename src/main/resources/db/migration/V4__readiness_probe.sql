-- /q/health/ready writes this one row: a database that cannot take a write cannot save galleries, so it is not ready.
CREATE TABLE readiness_probe (
    id         smallint    PRIMARY KEY CHECK (id = 1),
    written_at timestamptz NOT NULL
);
