// libFuzzer entry point for the configuration decoder, compiled together with M365Core's sources by
// fuzz/run.sh (`make soak` runs it for a fixed budget). Any crash, hang or unbounded allocation is a finding;
// every input must come back as a decoded configuration or as issues.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    // The first byte picks the file the input plays; the rest is its content.
    switch bytes.first.map({ $0 % 3 }) ?? 0 {
    case 0:
        _ = ConfigurationDecoder.decodeGlobal(bytes.dropFirst(), directory: "/etc/m365sync")
    case 1:
        _ = ConfigurationDecoder.decodeJob(bytes.dropFirst(), file: "jobs.d/fuzz.json", tenants: ["contoso", "fabrikam"])
    default:
        _ = ConfigurationDecoder.decode(
            directory: "/etc/m365sync",
            global: bytes.dropFirst(),
            jobs: [ConfigurationDecoder.JobFile(file: "jobs.d/fuzz.json", data: bytes.dropFirst())]
        )
    }
    for issue in ConfigurationDecoder.decodeJob(bytes, file: "jobs.d/fuzz.json", tenants: nil).issues {
        // An error quotes at most an excerpt of what it read.
        precondition(issue.description.utf8.count < 4096, "an error message of \(issue.description.utf8.count) bytes")
    }
    return 0
}
