-- The hub's own signing keys (DESIGN.md §3, §8). Private keys are sealed with AES-256-GCM under the
-- master key (see SealedKeyVault); the database never holds one in the clear.
create table hub_signing_key (
    kid                text        primary key,
    alg                text        not null,
    public_jwk         text        not null,
    private_key_nonce  bytea       not null,
    private_key_sealed bytea       not null,
    created_at         timestamptz not null,
    -- rotation: a key is published before it signs, and verifies until its last token expires
    publish_from       timestamptz not null,
    sign_from          timestamptz not null,
    retire_at          timestamptz
);

create index hub_signing_key_alg on hub_signing_key (alg, sign_from);
