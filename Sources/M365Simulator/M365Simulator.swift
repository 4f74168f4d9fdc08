// Module M365Simulator: see docs/architecture.md. Placeholder until its issue lands.
