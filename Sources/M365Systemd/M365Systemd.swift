// Module M365Systemd: see docs/architecture.md. Placeholder until its issue lands.
