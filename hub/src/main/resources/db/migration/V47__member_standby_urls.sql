-- REQ-HA-3: a member's standby endpoints (another data centre of the same platform), tried in order after
-- base_url when it is unavailable; space-separated, null when the member has only base_url.
alter table member add column standby_urls text;
