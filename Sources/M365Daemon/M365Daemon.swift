// Module M365Daemon: see docs/architecture.md. Placeholder until its issue lands.
