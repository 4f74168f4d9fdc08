import Foundation
import HTTPTypes
import M365Core
import M365Curl
import M365Primitives

/// Reads Exchange admin API error envelopes: `details[0].message` is `id|exception type|text`.
enum ExchangeErrorParser {
    /// The parts of an Exchange error envelope.
    struct Parsed: Equatable {
        var code: String?
        var exceptionType: String?
        var text: String
    }

    /// Pulls the code, exception type and text out of an error body; nil when the body is no envelope.
    static func parse(_ body: Data) -> Parsed? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body),
            let error = value.objectValue?["error"]?.objectValue
        else { return nil }
        let code = error["code"]?.stringValue
        let detail = error["details"]?.arrayValue?.first?.objectValue?["message"]?.stringValue
        guard let detail else {
            return Parsed(code: code, exceptionType: nil, text: error["message"]?.stringValue ?? "")
        }
        let parts = detail.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3 { return Parsed(code: code, exceptionType: parts[1], text: parts[2]) }
        return Parsed(code: code, exceptionType: nil, text: detail)
    }

    /// The error class of an Exchange failure.
    static func classify(status: Int, parsed: Parsed?) -> M365Error.Kind {
        let type = parsed?.exceptionType?.lowercased() ?? ""
        let text = parsed?.text.lowercased() ?? ""
        let code = parsed?.code?.lowercased() ?? ""
        if status == 429 || text.contains("maximum number of concurrent requests") || text.contains("throttl")
            || type.contains("throttl")
        {
            return .throttled
        }
        if type.contains("managementobjectnotfound") || type.contains("objectnotfound")
            || text.contains("couldn't be found") || text.contains("could not be found") || code == "notfound"
        {
            return .notFound
        }
        if type.contains("proxyaddressexists") || text.contains("proxy address") {
            return .addressInUse
        }
        if type.contains("propertyvalueexists") && text.contains("property \"alias\"") {
            return .aliasInUse
        }
        if type.contains("alreadyexists") || type.contains("duplicate")
            || text.contains("already exists") || text.contains("is already being used")
        {
            return .duplicateName
        }
        if type.contains("parameterbinding") || text.contains("a parameter cannot be found that matches") {
            return .unknownParameter
        }
        if status == 403 || status == 401 || type.contains("accessdenied") || code.contains("accessdenied")
            || text.contains("access denied") || text.contains("isn't within your current write scope")
        {
            return .accessDenied
        }
        if status >= 500, parsed?.exceptionType == nil { return .serviceUnavailable }
        return .exchangeCommand
    }

    /// The typed error for a failed InvokeCommand response.
    static func error(_ response: HTTPTransportResponse, context: ResponseContext) -> M365Error {
        let parsed = response.mediaType?.contains("json") == true ? parse(response.body) : nil
        let status = response.head.status.code
        if parsed == nil, status != 403, status != 429 {
            return M365Error.from(response, context: context)
        }
        let kind = classify(status: status, parsed: parsed)
        let message = parsed.map { $0.text.isEmpty ? "cmdlet failed" : $0.text } ?? "HTTP \(status)"
        return .exchange(
            kind,
            status: status,
            serviceCode: parsed?.exceptionType ?? parsed?.code,
            message: message,
            context: context
        )
    }
}
