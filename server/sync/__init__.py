"""The sync service: the round trip of docs/sync-protocol.md on the database, and the
organiser endpoints that settle what it leaves open (conflicts, duplicates, review)."""
