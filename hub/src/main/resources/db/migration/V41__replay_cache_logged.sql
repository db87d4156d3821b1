-- The client-assertion replay cache survives a crash and reaches the replicas (REQ-HA-1): its inserts are group
-- commits now (one per batch of requests), so the WAL they cost is shared. Expired rows are purged every minute
-- (auth.ReplayCachePurge).
alter table seen_client_assertion set logged;
