// Module M365Jobs: see docs/architecture.md. Placeholder until its issue lands.
