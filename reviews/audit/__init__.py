"""The tamper-evident audit chain (hashing and verification) and the audit log as people read it."""
