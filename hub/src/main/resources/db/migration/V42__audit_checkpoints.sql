-- Signed audit checkpoints (REQ-AUD-2): every minute the hub signs the head (seq and hash) of every chain, so that
-- a tail deleted from audit_event (by someone able to bypass its triggers) is found by GET /v1/audit/verify.
create table audit_checkpoint (
    id        bigint generated always as identity primary key,
    at        timestamptz not null,
    heads     text        not null,
    signature text        not null
);

create trigger audit_checkpoint_no_update_or_delete
    before update or delete on audit_checkpoint
    for each row execute function audit_event_is_append_only();
