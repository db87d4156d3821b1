-- Audit at national volume (2,000 verifications/s is about 170 million events a day): audit_event is partitioned
-- by day (of "at", UTC), so a day that leaves the online window is archived (a signed, compressed export) and
-- dropped as one partition, never deleted row by row (audit.AuditPartitions). audit_archive keeps each archive's
-- signed manifest with the chain heads at the cut, which GET /v1/audit/verify links the remaining events to.
alter table audit_event rename to audit_event_unpartitioned;
alter index audit_event_pkey rename to audit_event_unpartitioned_pkey;
alter index audit_event_actor rename to audit_event_unpartitioned_actor;
alter index audit_event_member rename to audit_event_unpartitioned_member;

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
    -- a key of a partitioned table holds the partition key; (chain_id, seq) stays unique as one writer extends a chain
    primary key (chain_id, seq, at)
) partition by range (at);

create index audit_event_actor on audit_event (actor, at);
create index audit_event_member on audit_event (member, at);

-- A safety net: an event of a day whose partition was not made in time is kept here, never refused.
create table audit_event_default partition of audit_event default;

-- A partition for every day already audited, and for today and the next days.
do $$
declare
    d date;
begin
    for d in select distinct (at at time zone 'UTC')::date from audit_event_unpartitioned
             union select (now() at time zone 'UTC')::date + i from generate_series(-1, 7) i
    loop
        execute format('create table %I partition of audit_event for values from (%L) to (%L)',
                       'audit_event_' || to_char(d, 'YYYYMMDD'), to_char(d, 'YYYY-MM-DD') || ' 00:00:00+00',
                       to_char(d + 1, 'YYYY-MM-DD') || ' 00:00:00+00');
    end loop;
end
$$;

insert into audit_event select * from audit_event_unpartitioned;
drop table audit_event_unpartitioned;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

create table audit_archive (
    day         date        primary key,
    location    text        not null,
    events      bigint      not null,
    -- compact JWS (typ ymt-audit-archive+jwt) of the manifest: day, events, SHA-256 of the file, chain heads
    signature   text        not null,
    archived_at timestamptz not null
);

create trigger audit_archive_no_update_or_delete
    before update or delete on audit_archive
    for each row execute function audit_event_is_append_only();
