-- REQ-VENUE-2, REQ-HA-1: a venue scan accepted by the hub that holds the venue platform's keys waits here until the
-- platform takes it: delivered with back-off by whichever instance claims it (FOR UPDATE SKIP LOCKED), never lost,
-- and never doubled (the platform keeps each scan_id once; a scan reported twice is one row).
create table venue_scan (
    reported_by     text        not null,
    scan_id         text        not null,
    venue_member    text        not null,
    vid             text        not null,
    -- the visitor's list pseudonym: personal data, kept only until the venue's platform has it
    subject         text,
    at              timestamptz not null,
    direction       text        not null,
    received_at     timestamptz not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    delivered_at    timestamptz,
    -- the platform refused it for good (a 4xx: an unknown venue); not sent again
    refused_at      timestamptz,
    primary key (reported_by, scan_id)
);
create index venue_scan_due on venue_scan (next_attempt_at) where delivered_at is null;
