-- Appeals (DESIGN.md §9, REQ-APL-1): correction requests routed to the home platform through the tree. The
-- statement is forwarded, never kept; the hub keeps only what it needs to track the state and route the
-- decision back.
create table appeal (
    id             text        primary key,
    state          text        not null check (state in ('RECEIVED', 'FORWARDED', 'DECIDED')),
    sub            text        not null,
    rgn            text        not null,
    -- the next node towards the home platform: the platform itself, a child hub or the parent hub
    home           text        not null,
    -- the caller that filed it here (a member, a child hub or the parent hub); only it may read it
    filed_by       text        not null,
    -- the id the filing hub gave the appeal (its Ymt-Appeal-Id), to send the decision back to
    upstream_id    text,
    ground         text        not null,
    batch_tag      text,
    filed_at       timestamptz not null,
    updated_at     timestamptz not null,
    home_reference text,
    decision       text
);

create index appeal_filed_by on appeal (filed_by, filed_at);
