// Module M365TestSupport: see docs/architecture.md. Placeholder until its issue lands.
