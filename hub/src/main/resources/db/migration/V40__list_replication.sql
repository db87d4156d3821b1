-- Lists replicated through the tree (REQ-LIST-12).

-- The hub a change came through: the child hub that relayed the batch, or the parent whose feed it was read
-- from; null for a batch of one of this hub's own members. A child hub reading this hub's feed is never sent
-- the changes that came through itself.
alter table list_change add column via text;

-- A batch relayed by a child hub: that hub, and the countersignatures of every hub on the way (JSON
-- [{hub, signature}], the sender's last). forwarded_at: when it was sent to the parent; null while it waits
-- (only at a hub that has a parent).
alter table list_batch add column relayed_by text;
alter table list_batch add column relays text;
alter table list_batch add column forwarded_at timestamptz;
create index list_batch_to_forward on list_batch (stored_at) where forwarded_at is null;

-- Where this hub is in its parent's change feed: restarts resume here, nothing missed or doubled.
create table list_follow (
    parent      text primary key,
    cursor      text not null,
    followed_at timestamptz not null
);

-- Every entry, change and batch names the epoch of the list key its pseudonyms are under (REQ-LIST-11): a member
-- uploads next month's list under next month's key a few days ahead, and it lives beside the current one until
-- the current epoch retires, so the switch at midnight removes nothing and adds nothing in anyone's feed.
-- Rows from before are labelled with the month they were stored in.
alter table list_batch add column epoch text;
update list_batch set epoch = to_char(stored_at at time zone 'UTC', 'YYYY-MM');
alter table list_batch alter column epoch set not null;
alter table list_entry add column epoch text;
update list_entry set epoch = to_char(now() at time zone 'UTC', 'YYYY-MM');
alter table list_entry alter column epoch set not null;
create index list_entry_by_epoch on list_entry (member, epoch);
alter table list_change add column epoch text;
update list_change set epoch = to_char(recorded_at at time zone 'UTC', 'YYYY-MM');
