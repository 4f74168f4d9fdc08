import Foundation

/// A configuration directory in a fresh temporary folder; call `remove()` when done.
struct TestConfigDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("m365sync-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `contents` to `relativePath`, creating folders, with the given permission bits.
    @discardableResult
    func write(_ relativePath: String, _ contents: String, mode: Int = 0o644) throws -> String {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return file.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// A valid configuration: tenant `contoso` with `secrets/contoso.secret` (0600) and one job `sales`.
    static func valid() throws -> TestConfigDirectory {
        let directory = try TestConfigDirectory()
        try directory.write("m365sync.json", contosoGlobal)
        try directory.write("secrets/contoso.secret", "s3cr3t-value\n", mode: 0o600)
        try directory.write("jobs.d/sales.json", salesJob)
        return directory
    }

    static let contosoGlobal = """
        {"stateDirectory": "state", "logging": {"file": {"path": "log/m365sync.log"}},
         "tenants": {"contoso": {"tenantId": "contoso.onmicrosoft.com", "clientId": "11111111-2222-3333-4444-555555555555",
                                 "clientSecretFile": "secrets/contoso.secret"}}}
        """

    static let salesJob = """
        {"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"mailboxes": ["alice@contoso.com"]}}
        """
}
