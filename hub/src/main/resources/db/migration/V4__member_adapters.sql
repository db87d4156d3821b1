-- How the hub speaks to members with a native API (DESIGN.md §3 "adapter dialect"): credentials and options of
-- the member's adapter. The secret is sealed with the master key (AES-GCM, the member's entity id bound in).
create table member_adapter (
    entity_id      text        primary key references member (entity_id) on delete cascade,
    credential_id  text        not null default '',
    secret_nonce   bytea,
    secret_sealed  bytea,
    options        text        not null default '{}',
    timeout_ms     integer,
    updated_at     timestamptz not null
);

-- Instances build adapters from memory; a change wakes the others (REQ-HA-1).
create function member_adapter_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('ymt_member_adapter_changed', coalesce(new.entity_id, old.entity_id));
    return null;
end
$$;

create trigger member_adapter_changed after insert or update or delete on member_adapter
    for each row execute function member_adapter_changed();
