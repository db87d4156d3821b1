-- Audit events of every cross-region request (DESIGN.md §9, REQ-AUD-1/2). Append-only: each hub instance
-- writes its own hash chain (chain_id), hash = SM3(prev_hash || canonical event).
create table audit_event (
    chain_id    text        not null,
    seq         bigint      not null,
    at          timestamptz not null,
    actor       text        not null,
    member      text,
    purpose     text,
    action      text        not null,
    target      text,
    outcome     text        not null,
    latency_ms  integer     not null,
    prev_hash   bytea       not null,
    hash        bytea       not null,
    primary key (chain_id, seq)
);

create index audit_event_actor on audit_event (actor, at);
create index audit_event_member on audit_event (member, at);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op;
end
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_is_append_only();
