import CCurl

/// The one door through which libcurl result codes become Swift errors.
enum Curl {
    /// Initialises libcurl once per process, before the first handle is made.
    static let initialised: Void = {
        let code = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        precondition(code == CURLE_OK, "curl_global_init failed with \(code.rawValue)")
    }()

    /// Throws when an easy-handle call failed; `errorBuffer` holds libcurl's detail, if any.
    static func check(
        _ code: CURLcode,
        errorBuffer: UnsafeMutablePointer<CChar>? = nil,
        requestSent: Bool = false,
        _ operation: StaticString
    ) throws(HTTPTransportError) {
        guard code != CURLE_OK else { return }
        throw error(code, errorBuffer: errorBuffer, requestSent: requestSent, operation)
    }

    /// Throws when a multi-handle call failed.
    static func check(_ code: CURLMcode, _ operation: StaticString) throws(HTTPTransportError) {
        guard code != CURLM_OK else { return }
        let text = String(cString: curl_multi_strerror(code))
        throw HTTPTransportError.libcurl(
            code: Int(code.rawValue) + 1000,
            detail: "\(operation): \(text)",
            requestSent: false
        )
    }

    /// The typed error for a failed transfer.
    static func error(
        _ code: CURLcode,
        errorBuffer: UnsafeMutablePointer<CChar>?,
        requestSent: Bool,
        _ operation: StaticString
    ) -> HTTPTransportError {
        var text = errorBuffer.map { String(cString: $0) } ?? ""
        if text.isEmpty { text = String(cString: curl_easy_strerror(code)) }
        return HTTPTransportError.libcurl(
            code: Int(code.rawValue),
            detail: "\(operation): \(text)",
            requestSent: requestSent
        )
    }
}
