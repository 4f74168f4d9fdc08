import CCurl
import Foundation
import HTTPTypes

private let writeCallback: m365_curl_data_callback = { buffer, size, count, userdata in
    guard let userdata, let buffer else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    return transfer.receive(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
}

private let headerCallback: m365_curl_data_callback = { buffer, size, count, userdata in
    guard let userdata, let buffer else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
    let length = size * count
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length))
    return length
}

extension CurlTransfer {
    /// Creates and configures the easy handle for this request.
    func makeHandle(configuration: HTTPTransportConfiguration) throws(HTTPTransportError) {
        guard let url = request.url else { throw .invalidRequest("not an http(s) URL") }
        guard let handle = curl_easy_init() else { throw .invalidRequest("curl_easy_init returned nil") }
        easy = handle
        maxResponseBytes = configuration.maxResponseBytes
        let me = Unmanaged.passUnretained(self).toOpaque()

        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_URL, string: url)
        try set(CURLOPT_NOSIGNAL, long: 1)
        try set(CURLOPT_FOLLOWLOCATION, long: 0)
        try set(CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(CURLOPT_HTTP_VERSION, long: CURL_HTTP_VERSION_2TLS)
        try set(CURLOPT_PIPEWAIT, long: 1)
        // A reused connection lets libcurl re-send the request on its own when the server closes it
        // without answering; a request that must not be duplicated gets a connection of its own.
        try set(CURLOPT_FRESH_CONNECT, long: request.isIdempotent ? 0 : 1)
        try set(CURLOPT_ACCEPT_ENCODING, string: "")
        try set(CURLOPT_TCP_KEEPALIVE, long: 1)
        try set(CURLOPT_SSL_VERIFYPEER, long: 1)
        try set(CURLOPT_SSL_VERIFYHOST, long: 2)
        try set(CURLOPT_CONNECTTIMEOUT_MS, long: configuration.connectTimeout.milliseconds)
        try set(CURLOPT_TIMEOUT_MS, long: (request.timeout ?? configuration.requestTimeout).milliseconds)
        try set(CURLOPT_LOW_SPEED_LIMIT, long: configuration.lowSpeedLimit)
        try set(CURLOPT_LOW_SPEED_TIME, long: max(1, configuration.lowSpeedTime.milliseconds / 1000))
        // Proxies: CURLOPT_PROXY is deliberately left unset so that libcurl honours
        // http_proxy, https_proxy, all_proxy and no_proxy from the environment.
        try check(m365_curl_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, writeCallback), "WRITEFUNCTION")
        try set(CURLOPT_WRITEDATA, pointer: me)
        try check(m365_curl_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, headerCallback), "HEADERFUNCTION")
        try set(CURLOPT_HEADERDATA, pointer: me)
        if let caBundle {
            let code = caBundle.withUnsafeBytes {
                m365_curl_setopt_blob(handle, CURLOPT_CAINFO_BLOB, $0.baseAddress, $0.count)
            }
            try check(code, "CAINFO_BLOB")
        }
        try setMethodAndBody(handle)
        try setHeaders(handle, userAgent: configuration.userAgent)
    }

    private func setMethodAndBody(_ handle: UnsafeMutableRawPointer) throws(HTTPTransportError) {
        let method = request.head.method.rawValue
        if let body = request.body ?? (method == "POST" || method == "PUT" || method == "PATCH" ? Data() : nil) {
            try check(m365_curl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "SIZE")
            var copy = [UInt8](body)
            copy.append(0)
            let code = copy.withUnsafeMutableBytes {
                m365_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress)
            }
            try check(code, "COPYPOSTFIELDS")
            if method != "POST" { try set(CURLOPT_CUSTOMREQUEST, string: method) }
        } else if method == "GET" {
            try set(CURLOPT_HTTPGET, long: 1)
        } else if method == "HEAD" {
            try set(CURLOPT_NOBODY, long: 1)
        } else {
            try set(CURLOPT_CUSTOMREQUEST, string: method)
        }
    }

    private func setHeaders(_ handle: UnsafeMutableRawPointer, userAgent: String) throws(HTTPTransportError) {
        var list: UnsafeMutablePointer<curl_slist>?
        // Field values cannot hold a line break: HTTPFields turns one into a space.
        let fields = request.head.headerFields
        var lines = fields.map { "\($0.name.rawName): \($0.value)" }
        if fields[.userAgent] == nil { lines.append("User-Agent: \(userAgent)") }
        // No "Expect: 100-continue" round trip before bodies.
        if fields[.expect] == nil { lines.append("Expect:") }
        for line in lines {
            guard let appended = curl_slist_append(list, line) else {
                throw .invalidRequest("curl_slist_append failed")
            }
            list = appended
        }
        headerList = list
        try check(m365_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list), "HTTPHEADER")
    }

    private func set(_ option: CURLoption, long value: Int) throws(HTTPTransportError) {
        try check(m365_curl_setopt_long(easy, option, value), "setopt")
    }

    private func set(_ option: CURLoption, string value: String) throws(HTTPTransportError) {
        try check(m365_curl_setopt_string(easy, option, value), "setopt")
    }

    private func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(HTTPTransportError) {
        try check(m365_curl_setopt_pointer(easy, option, value), "setopt")
    }

    private func check(_ code: CURLcode, _ operation: StaticString) throws(HTTPTransportError) {
        try Curl.check(code, errorBuffer: errorBuffer, operation)
    }
}

extension Duration {
    /// Whole milliseconds, at least 1 for any positive duration.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let ms = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        return ms == 0 && attoseconds > 0 ? 1 : ms
    }
}
