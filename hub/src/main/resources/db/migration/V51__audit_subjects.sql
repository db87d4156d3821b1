-- REQ-AUD-3 "who looked at me": the list pseudonym of the person a request was about, where the hub knows it
-- (a verification answered live with listSub, a green lookup), and the entity that first asked (the checkpoint or
-- department at the start of the path, not the hub that forwarded). Both are part of the event's hash when present.
alter table audit_event add column subject text;
alter table audit_event add column origin text;
create index audit_event_subject on audit_event (subject, at) where subject is not null;
