-- Red/yellow lists (DESIGN.md §7). Subjects are HMAC-SM3 pseudonyms, never ID numbers. Sorting by sub must
-- match the canonical batch order (Java code-unit order), hence collate "C".

-- The HMAC-SM3 list key of each epoch (a month), sealed with the hub's master key.
create table list_key (
    epoch       text primary key,
    nonce       bytea not null,
    sealed      bytea not null,
    valid_from  timestamptz not null,
    valid_until timestamptz not null
);

-- Every stored batch: its manifest, signature and diff counts (provenance, idempotency by batch tag).
create table list_batch (
    member      text not null,
    batch_tag   text not null,
    day         date not null,
    count       bigint not null,
    digest      text not null,
    signature   text not null,
    alg         text not null,
    kid         text not null,
    received_at timestamptz not null,
    stored_at   timestamptz not null,
    added       bigint not null,
    changed     bigint not null,
    removed     bigint not null,
    unchanged   bigint not null,
    primary key (member, batch_tag)
);
create index list_batch_stored_at on list_batch (stored_at);

-- The current merged list: each member's latest full list.
create table list_entry (
    member text not null,
    sub    text collate "C" not null,
    col    text not null,
    since  timestamptz not null,
    until  timestamptz not null,
    reason text not null,
    rgn    text not null,
    -- (sub, member): green lookups by sub use it; retention and per-member diffs scan (daily, set-based)
    primary key (sub, member)
);

-- The change sequence readers page by. Rows are only inserted under the feed lock (advisory transaction
-- lock), so sequence values become visible in order: a reader never sees seq n+1 before seq n.
create table list_change (
    seq         bigint generated always as identity primary key,
    op          text not null,
    member      text not null,
    sub         text collate "C" not null,
    rgn         text not null,
    col         text,
    since       timestamptz,
    until       timestamptz,
    reason      text,
    batch_tag   text,
    recorded_at timestamptz not null
);

-- Highest sequence value purged by retention: a cursor below it is refused (start again from a snapshot).
create table list_feed_state (
    id             int primary key check (id = 1),
    purged_through bigint not null
);
insert into list_feed_state (id, purged_through) values (1, 0);

create table list_subscription (
    id              text primary key,
    member          text not null,
    callback_url    text not null,
    region_prefixes text[] not null,
    created_at      timestamptz not null
);
create index list_subscription_member on list_subscription (member);
