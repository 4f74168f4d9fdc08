// Module M365Logging: see docs/architecture.md. Placeholder until its issue lands.
