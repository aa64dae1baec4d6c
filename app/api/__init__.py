"""HTTP plumbing shared by the route modules: errors, dependencies."""
