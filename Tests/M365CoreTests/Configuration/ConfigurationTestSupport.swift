import Foundation
import M365Core
import Testing

/// A global file with two tenants, enough for job tests.
let twoTenantsGlobal = """
    {
      "tenants": {
        "contoso": {"tenantId": "contoso.onmicrosoft.com", "clientId": "11111111-2222-3333-4444-555555555555",
                    "clientSecretFile": "secrets/contoso.secret"},
        "fabrikam": {"tenantId": "0b5c2f4e-3a1d-4c7b-9e8f-123456789abc", "clientId": "11111111-2222-3333-4444-555555555555",
                     "certificateFile": "/etc/m365sync/fabrikam.pem", "privateKeyFile": "fabrikam.key"}
      }
    }
    """

let minimalPersonalJob = """
    {"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"mailboxes": ["alice@contoso.com"]}}
    """

func decodeGlobal(_ json: String, directory: String = "/etc/m365sync") -> ConfigurationDecoder.GlobalResult {
    ConfigurationDecoder.decodeGlobal(Data(json.utf8), directory: directory)
}

func decodeJob(
    _ json: String,
    file: String = "jobs.d/sales.json",
    tenants: Set<String>? = ["contoso", "fabrikam"]
) -> ConfigurationDecoder.JobResult {
    ConfigurationDecoder.decodeJob(Data(json.utf8), file: file, tenants: tenants)
}

func decodeDirectory(global: String?, jobs: [String: String]) -> ConfigurationDecoder.Result {
    ConfigurationDecoder.decode(
        directory: "/etc/m365sync",
        global: global.map { Data($0.utf8) },
        jobs: jobs.map { ConfigurationDecoder.JobFile(file: $0.key, data: Data($0.value.utf8)) }
    )
}

/// The one error at `path`; records a test failure listing every issue when there is not exactly one.
func error(
    at path: String,
    in issues: [ConfigurationIssue],
    sourceLocation: SourceLocation = #_sourceLocation
) -> ConfigurationIssue? {
    let matches = issues.filter { $0.path == path && $0.severity == .error }
    #expect(
        matches.count == 1,
        "expected one error at \(path), got: \(issues.map(\.description))",
        sourceLocation: sourceLocation
    )
    return matches.first
}

/// A personal contacts job's spec, or nil (with a recorded failure).
func personalSpec(_ result: ConfigurationDecoder.JobResult) -> PersonalContactsJobSpec? {
    guard case .personalContacts(let spec) = result.definition?.spec else {
        Issue.record("expected a personalContacts job, got issues: \(result.issues.map(\.description))")
        return nil
    }
    return spec
}

func mailSpec(_ result: ConfigurationDecoder.JobResult) -> MailContactsJobSpec? {
    guard case .mailContacts(let spec) = result.definition?.spec else {
        Issue.record("expected a mailContacts job, got issues: \(result.issues.map(\.description))")
        return nil
    }
    return spec
}
