// Module M365Curl: see docs/architecture.md. Placeholder until its issue lands.
