-- REQ-HA-1: a batch file dropped in a folder several instances watch is taken by one of them. The first instance
-- to insert a file's key (its name, size and modification time) ingests it; the others leave it alone.
create table dropped_file_claim (
    file_key   text        primary key,
    claimed_at timestamptz not null default now()
);
