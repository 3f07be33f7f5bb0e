"""Services: the only code that writes. Each write, in one transaction, checks the actor's
permission, validates, writes the entity, appends the outbox entry and appends the audit event."""
