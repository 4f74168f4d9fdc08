import CCurl
import Foundation
import HTTPTypes

extension CurlTransfer {
    /// Builds the response (or error) from a finished easy handle.
    func collectResult(code: CURLcode) -> Result<HTTPTransportResponse, any Error> {
        guard let easy else { return .failure(HTTPTransportError.shutdown) }
        var requestSize = 0
        _ = m365_curl_getinfo_long(easy, CURLINFO_REQUEST_SIZE, &requestSize)
        if exceededLimit { return .failure(HTTPTransportError.responseTooLarge(limit: maxResponseBytes)) }
        guard code == CURLE_OK else {
            return .failure(Curl.error(code, errorBuffer: errorBuffer, requestSent: requestSize > 0, "transfer"))
        }
        var status = 0
        _ = m365_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        guard (100...999).contains(status) else {
            return .failure(
                HTTPTransportError.libcurl(code: 8, detail: "status \(status) out of range", requestSent: true)
            )
        }
        var version = 0
        _ = m365_curl_getinfo_long(easy, CURLINFO_HTTP_VERSION, &version)
        var urlPointer: UnsafeMutablePointer<CChar>?
        _ = m365_curl_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &urlPointer)
        var uploaded: curl_off_t = 0
        _ = m365_curl_getinfo_off_t(easy, CURLINFO_SIZE_UPLOAD_T, &uploaded)
        return .success(
            HTTPTransportResponse(
                head: HTTPResponse(status: HTTPResponse.Status(code: status), headerFields: responseHeaders),
                body: responseBody,
                httpVersion: Self.versionName(version),
                effectiveURL: urlPointer.map { String(cString: $0) } ?? request.url ?? "",
                bytesSent: Int(uploaded),
                bytesReceived: responseBody.count
            )
        )
    }

    static func versionName(_ version: Int) -> String {
        switch version {
        case CURL_HTTP_VERSION_1_0: "1.0"
        case CURL_HTTP_VERSION_1_1: "1.1"
        case CURL_HTTP_VERSION_2_0: "2"
        case CURL_HTTP_VERSION_3: "3"
        default: "unknown"
        }
    }
}
