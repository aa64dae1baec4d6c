"""Who is calling: JWT verification and the caller identity taken from it."""
