import CCurl
import Foundation

/// The PEM bundle libcurl would use by default, read so that an extra CA can be appended to it.
///
/// `CURLOPT_CAINFO_BLOB` replaces the default CA file (a `CURLOPT_CAPATH` directory still applies),
/// so the extra anchor is sent together with the system bundle.
enum SystemTrustStore {
    static let knownBundles = [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/ca-bundle.pem",
        "/etc/ssl/cert.pem",
    ]

    /// The path libcurl was built to use, else the first bundle found on the system.
    static func bundlePath() -> String? {
        _ = Curl.initialised
        if let handle = curl_easy_init() {
            defer { curl_easy_cleanup(handle) }
            var pointer: UnsafeMutablePointer<CChar>?
            if m365_curl_getinfo_string(handle, CURLINFO_CAINFO, &pointer) == CURLE_OK, let pointer {
                let path = String(cString: pointer)
                if FileManager.default.isReadableFile(atPath: path) { return path }
            }
        }
        return knownBundles.first { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// The bundle's bytes, or empty when the system has none.
    static func bundle() -> Data {
        bundlePath().flatMap { FileManager.default.contents(atPath: $0) } ?? Data()
    }
}
