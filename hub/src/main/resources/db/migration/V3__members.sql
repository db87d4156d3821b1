-- The member registry (DESIGN.md §3, REQ-REG-1): this hub's direct children, platforms or hubs.
create table member (
    entity_id        text        primary key,
    display_name     text        not null,
    kind             text        not null check (kind in ('HUB', 'PLATFORM')),
    region_prefixes  text        not null, -- comma-separated GB/T 2260 prefixes
    parent           text        not null,
    base_url         text        not null,
    dialect          text        not null default 'v1',
    tls_cert_sha256  text        unique,
    jwks             text,
    jwks_uri         text,
    jwks_fetched_at  timestamptz,
    status           text        not null check (status in ('ONBOARDING', 'ACTIVE', 'SUSPENDED')),
    trust_marks      text        not null default '[]',
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

-- Instances keep the registry in memory; a change wakes the others (REQ-HA-1).
create function member_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('ymt_member_changed', coalesce(new.entity_id, old.entity_id));
    return null;
end
$$;

create trigger member_changed after insert or update or delete on member
    for each row execute function member_changed();

-- Client assertion ids already accepted (RFC 7523 §3: a jti is never accepted twice), kept until they expire.
-- Unlogged: one insert per authenticated request must not cost a WAL flush. After a database crash the table
-- is empty, so an assertion made in the minute before the crash could be replayed once: accepted, as the
-- alternative is a disk flush on every call.
create unlogged table seen_client_assertion (
    issuer     text        not null,
    jti        text        not null,
    expires_at timestamptz not null,
    primary key (issuer, jti)
);

create index seen_client_assertion_expiry on seen_client_assertion (expires_at);
