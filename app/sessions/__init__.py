"""Chat sessions: the working context in Redis and the durable history in the database."""
