-- REQ-HA-1: a list-change notification owed to a subscription survives the instance that owed it. due_seq is the
-- latest change the subscription must hear of, delivered_seq the latest it acknowledged (2xx); while due_seq is
-- ahead, next_attempt_at says when any instance may take the delivery over (FOR UPDATE SKIP LOCKED).
alter table list_subscription add column due_seq bigint not null default 0;
alter table list_subscription add column delivered_seq bigint not null default 0;
alter table list_subscription add column next_attempt_at timestamptz;
create index list_subscription_owed on list_subscription (next_attempt_at) where due_seq > delivered_seq;
