// Module M365Client: see docs/architecture.md. Placeholder until its issue lands.
