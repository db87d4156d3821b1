-- The deny list of token and code ids (REQ-TOK-4, POST /v1/revocations). An entry is kept until the revoked
-- object would have expired anyway; ids are unique per issuer only. Instances hold the list in memory and
-- learn of each other's revocations through NOTIFY (REQ-HA-1).
create table token_revocation (
    issuer     text        not null,
    jti        text        not null,
    until      timestamptz not null,
    kind       text        not null check (kind in ('CODE', 'TOKEN')),
    reason     text,
    revoked_by text        not null,
    revoked_at timestamptz not null,
    primary key (issuer, jti)
);

create index token_revocation_until on token_revocation (until);
