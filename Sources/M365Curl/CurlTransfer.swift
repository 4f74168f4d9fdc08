import CCurl
import Foundation
import HTTPTypes
import Synchronization

/// One request on its way through the multi loop; owned by the loop thread once submitted.
final class CurlTransfer: @unchecked Sendable {
    let id: UInt64
    let request: HTTPTransportRequest
    let caBundle: Data?
    /// Set from any thread when the awaiting task is cancelled; read by the loop thread.
    let cancelRequested = Atomic<Bool>(false)

    // Loop-thread state below.
    var continuation: CheckedContinuation<HTTPTransportResponse, any Error>?
    var easy: UnsafeMutableRawPointer?
    var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    var responseBody = Data()
    var responseHeaders = HTTPFields()
    var maxResponseBytes = 0
    var exceededLimit = false

    init(id: UInt64, request: HTTPTransportRequest, caBundle: Data?) {
        self.id = id
        self.request = request
        self.caBundle = caBundle
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        releaseHandle()
        errorBuffer.deallocate()
    }

    /// Frees the easy handle and header list; idempotent.
    func releaseHandle() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
    }

    /// Resumes the awaiting task once.
    func finish(_ result: Result<HTTPTransportResponse, any Error>) {
        continuation?.resume(with: result)
        continuation = nil
    }

    /// Appends response bytes; false stops the transfer when the limit is passed.
    func receive(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if responseBody.count + bytes.count > maxResponseBytes {
            exceededLimit = true
            return false
        }
        responseBody.append(contentsOf: bytes)
        return true
    }

    /// Records one header line; a status line starts a fresh set (interim responses).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        guard let line = String(bytes: bytes, encoding: .utf8) ?? String(bytes: bytes, encoding: .isoLatin1) else {
            return
        }
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            responseHeaders = HTTPFields()
            return
        }
        guard let colon = trimmed.firstIndex(of: ":"),
            let name = HTTPField.Name(String(trimmed[..<colon]).trimmingCharacters(in: .whitespaces))
        else { return }
        let value = String(trimmed[trimmed.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        responseHeaders.append(HTTPField(name: name, value: value))
    }
}
