import Logging
import M365Client
import M365Core
import M365Curl

/// The clients of one job run, one per tenant, all counting into the run's metrics.
struct TenantClients: Sendable {
    let environment: SyncEnvironment
    let metrics: RequestMetrics
    let logger: Logger

    /// The client of the tenant named `name` in `m365sync.json`.
    func client(_ name: String) throws(SyncJobError) -> M365Client {
        guard let tenant = environment.configuration.global.tenants[name] else {
            throw .unknownTenant(name)
        }
        return M365Client(
            tenant: tenant,
            transport: environment.transport,
            options: environment.clientOptions,
            metrics: metrics,
            logger: logger
        )
    }
}

extension RequestStats {
    /// The report's request counters from a client's metrics.
    init(_ snapshot: RequestMetricsSnapshot) {
        self.init(
            total: snapshot.requests,
            byKind: snapshot.byKind,
            retries: snapshot.retries,
            throttled: snapshot.throttled
        )
    }
}
