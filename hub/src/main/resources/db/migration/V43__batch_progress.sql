-- Progress of list batches being ingested, and of the ones refused lately, for GET /v1/lists/batches/{tag} on any
-- instance (REQ-HA-1). A stored batch is answered from list_batch and its row here is deleted; refusals are kept
-- for ymt.lists.progress.keep-refused. The problem is the refusal as served, its detail and errors bounded.
create table batch_progress (
    member      text        not null,
    batch_tag   text        not null,
    state       text        not null,
    lines_read  bigint      not null default 0,
    count       bigint,
    received_at timestamptz not null,
    updated_at  timestamptz not null,
    problem     text,
    primary key (member, batch_tag)
);
create index batch_progress_updated_at on batch_progress (updated_at);
