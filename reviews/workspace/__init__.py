"""The workspace itself: configuration, database engine and schema, stored files, users' passwords,
permissions, the signing key, settings and the demo."""
