-- REQ-APL-2, REQ-HA-1: an appeal the next node has not taken is delivered later, with back-off, by whichever
-- instance claims it first (FOR UPDATE SKIP LOCKED); what a delivery needs is kept until it succeeds.
alter table appeal add column statement text;
alter table appeal add column forward_hop integer;
alter table appeal add column forward_path text;
alter table appeal add column attempts integer not null default 0;
-- when the next delivery attempt is due; null once the appeal has left RECEIVED
alter table appeal add column next_attempt_at timestamptz;
create index appeal_due on appeal (next_attempt_at) where state = 'RECEIVED';
