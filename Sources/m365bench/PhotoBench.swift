import Foundation
import M365Core
import M365Jobs
import M365Simulator
import M365State
import M365TestSupport

/// Contact photos: a third of the users have one; the contacts exist before photos are turned on, so every
/// request of the photo phases is the photo step's. Counts come from the simulator (inner `$batch` requests too).
struct PhotoBench {
    var options: BenchOptions

    func run() async throws {
        print(
            "photos: \(options.users) users (a third with a photo) into \(options.mailboxes) mailboxes (throttling off)"
        )
        try await SimulatedDeployment.startBench(options, photoFraction: 1.0 / 3).use { try await measure($0) }
    }

    private func measure(_ deployment: SimulatedDeployment) async throws {
        let control = deployment.simulator.control
        let executor = try deployment.benchExecutor(
            stateStore: try StateStore(
                directory: deployment.directory.appending("state"),
                logger: SimulatedDeployment.benchLogger
            )
        )
        _ = try await runJob(deployment, executor, photos: nil)
        print("  contacts created without photos; photo phases:")
        try await phase("1. photos from none", deployment, executor, photos: "1d")
        let quiet = try await phase("2. no change, within photoRefreshInterval", deployment, executor, photos: "1d")
        if quiet != 0 { print("  WARNING: the no-change phase sent \(quiet) photo requests") }
        let tenantId = deployment.tenantId("contoso")
        let withPhotos = try await control.users(tenantId: tenantId).filter { $0.photo != nil }
        let changed = max(1, withPhotos.count / 100)
        for user in withPhotos.prefix(changed) {
            try await control.setUserPhoto(tenantId: tenantId, user.id, SimPhoto.jpeg(label: "\(user.id) v2"))
        }
        try await phase("3. interval passed, \(changed) photos changed", deployment, executor, photos: "0s")
    }

    /// Runs one phase and prints its figures; returns the photo requests it sent.
    @discardableResult
    private func phase(
        _ name: String,
        _ deployment: SimulatedDeployment,
        _ executor: JobExecutor,
        photos: String
    ) async throws -> Int {
        let before = await deployment.simulator.control.counters()
        let start = Date()
        let report = try await runJob(deployment, executor, photos: photos)
        let seconds = Date().timeIntervalSince(start)
        let after = await deployment.simulator.control.counters()
        func delta(_ endpoint: String) -> Int {
            (after[endpoint]?.values.reduce(0, +) ?? 0) - (before[endpoint]?.values.reduce(0, +) ?? 0)
        }
        let metadataAndBytes = delta("graph.users.photo")
        let uploadsSent = delta("graph.mailbox.contacts.photo")
        let batches = delta("graph.batch")
        let uploaded = report.targets.flatMap(\.actions).filter { $0.changes["photo"] != nil && $0.status == .applied }
            .count
        let perUpload = uploaded > 0 ? String(format: "%.3f", Double(batches) / Double(uploaded)) : "n/a"
        let innerPerUpload =
            uploaded > 0 ? String(format: "%.2f", Double(metadataAndBytes + uploadsSent) / Double(uploaded)) : "n/a"
        print(
            """
            \(name)
              photos uploaded: \(uploaded), HTTP requests: \(report.requests.total) (\(batches) $batch), \
            photo requests inside them: \(metadataAndBytes) reads + \(uploadsSent) uploads
              per photo uploaded: \(perUpload) $batch requests, \(innerPerUpload) photo requests; \
            wall \(String(format: "%.2f", seconds)) s, peak RSS \(BenchFigures.peakRSS().map { "\($0 / 1024) MiB" } ?? "n/a")
            """
        )
        if report.status != .succeeded { print("  job ended \(report.status.rawValue)") }
        return metadataAndBytes + uploadsSent
    }

    /// Writes the job (photos off when `photos` is nil, else on with that refresh interval) and runs it once.
    private func runJob(
        _ deployment: SimulatedDeployment,
        _ executor: JobExecutor,
        photos: String?
    ) async throws -> JobReport {
        let photoKeys = photos.map { #", "photos": true, "photoRefreshInterval": "\#($0)""# } ?? ""
        let job = try await deployment.personalContactsBenchJob("photos", targetKeys: photoKeys)
        // Every action listed: the photos uploaded are counted from them.
        return await TargetReport.$actionLimit.withValue(nil) {
            await executor.run(
                job,
                options: JobRunOptions(runID: UUID().uuidString, logger: SimulatedDeployment.benchLogger)
            )
        }
    }
}
