"""Request-level defences, one small module each:

- `middleware`: `install_security(app, settings)` registers the middlewares below;
- `headers`: security headers on every response;
- `limits`: request envelope limits (body size, path) and failed-authentication throttling;
- `text`: cleaning of customer text (NFKC, control and invisible characters);
- `redaction`: the structlog processor that keeps secrets and personal data out of logs.
"""
