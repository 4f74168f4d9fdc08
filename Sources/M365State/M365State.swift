// Module M365State: see docs/architecture.md. Placeholder until its issue lands.
