-- REQ-CODE-3: how long a member's dynamic codes may live (its codePolicy); null: one minute, as before.
alter table member add column code_max_lifetime_seconds bigint
    check (code_max_lifetime_seconds between 1 and 86400);
