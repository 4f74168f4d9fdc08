import Foundation
import M365Primitives

/// State carried by an opaque `$skiptoken` / `$deltatoken`: a small JSON object, base64url-encoded.
struct PageToken: Sendable {
    var values: [String: JSONValue]

    init(_ values: [String: JSONValue] = [:]) {
        self.values = values
    }

    subscript(key: String) -> JSONValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    func string(_ key: String) -> String? { values[key]?.stringValue }
    func int(_ key: String) -> Int? { values[key]?.intValue }

    var encoded: String { Base64URL.encode(JSONValue.object(values).serialized()) }

    static func decode(_ text: String) -> PageToken? {
        guard let bytes = Base64URL.decode(text), let json = try? JSONValue(decoding: Data(bytes)),
            let object = json.objectValue
        else {
            return nil
        }
        return PageToken(object)
    }
}

/// Query options of a Graph collection request.
struct GraphQuery: Sendable {
    var select: [String]?
    var top: Int?
    var filter: FilterExpression?
    var filterText: String?
    var count = false
    var expand: String?
    var skipToken: PageToken?
    var deltaToken: String?
    var eventual = false

    /// Parses the options from the request, or from the query a skiptoken carries.
    static func parse(_ request: SimRequest) throws(GraphError) -> GraphQuery {
        var query = GraphQuery()
        query.eventual = request.header("consistencylevel")?.lowercased() == "eventual"
        var items = request.query
        if let token = request.queryValue("$skiptoken") {
            guard let decoded = PageToken.decode(token) else {
                throw .badRequest(
                    "The specified page token value has expired or is invalid.",
                    code: "Request_BadRequest"
                )
            }
            query.skipToken = decoded
            items = SimRequest.formFields(decoded.string("q") ?? "")
        }
        for (name, value) in items {
            switch name.lowercased() {
            case "$select":
                query.select = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                    .filter { !$0.isEmpty }
            case "$top":
                guard let top = Int(value) else {
                    throw .badRequest("Invalid value '\(value)' for $top query option found.", code: "BadRequest")
                }
                query.top = top
            case "$filter":
                query.filterText = value
                do {
                    query.filter = try FilterExpression.parse(value)
                } catch {
                    throw .badRequest("Invalid filter clause: \(error.message)", code: "BadRequest")
                }
            case "$count":
                guard value == "true" || value == "false" else {
                    throw .badRequest("Invalid value '\(value)' for $count query option found.", code: "BadRequest")
                }
                query.count = value == "true"
            case "$expand": query.expand = value
            case "$deltatoken": query.deltaToken = value
            case "$skiptoken": break
            case "$orderby", "$search", "$skip", "$format", "$apply":
                throw .badRequest(
                    "Query option '\(name)' is not supported by this simulator endpoint.",
                    code: "Request_UnsupportedQuery"
                )
            default:
                if name.hasPrefix("$") {
                    throw .badRequest("Query option '\(name)' is not allowed.", code: "BadRequest")
                }
            }
        }
        return query
    }

    /// The raw query without `$skiptoken`, as stored in a skiptoken.
    static func carriedQuery(_ request: SimRequest) -> String {
        if let token = request.queryValue("$skiptoken"), let decoded = PageToken.decode(token) {
            return decoded.string("q") ?? ""
        }
        return (request.rawQuery ?? "").split(separator: "&").filter { !$0.lowercased().hasPrefix("$skiptoken=") }
            .joined(separator: "&")
    }
}
