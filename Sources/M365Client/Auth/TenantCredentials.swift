import Foundation
import M365Core

/// The credential of a tenant, read from the files the configuration names.
enum LoadedCredential: Sendable {
    case secret(String)
    case certificate(ClientCertificate, AssertionAlgorithm)

    /// Reads the secret or the certificate and key; errors name the path, never the content.
    static func load(_ credential: TenantCredential) throws(M365Error) -> LoadedCredential {
        switch credential {
        case .clientSecret(let file):
            let secret = try read(file, what: "client secret").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !secret.isEmpty else { throw .configuration("client secret file \(file) is empty") }
            return .secret(secret)
        case .certificate(let certificateFile, let keyFile, let algorithm):
            let certificatePEM = try read(certificateFile, what: "certificate")
            let keyPEM = try read(keyFile, what: "private key")
            do {
                return .certificate(
                    try ClientCertificate(certificatePEM: certificatePEM, privateKeyPEM: keyPEM),
                    algorithm
                )
            } catch {
                throw .configuration("\(error.message) (\(certificateFile), \(keyFile))")
            }
        }
    }

    private static func read(_ path: String, what: String) throws(M365Error) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration("cannot read the \(what) file \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
