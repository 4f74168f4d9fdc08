import HTTPTypes
import M365Core
import M365Curl
import M365Primitives

/// All objects of a paged listing, and the delta link when the listing was a delta query.
struct PagedResult: Sendable {
    var items: [[String: JSONValue]] = []
    var deltaLink: String?
    var pages = 0
}

extension GraphClient {
    /// Follows `@odata.nextLink` from `firstURL` to the end, re-sending `headers` on every page.
    ///
    /// A page that is not a JSON object with a `value` array fails the whole listing: a partial
    /// read is never returned as if it were complete.
    func collectPages(
        from firstURL: String,
        kind: String,
        headers: HTTPFields = [:],
        mailbox: String? = nil
    ) async throws -> PagedResult {
        var result = PagedResult()
        var url = firstURL
        var seen: Set<String> = [firstURL]
        while true {
            let response = try await send(graphRequest(.get, url, kind: kind, headers: headers, mailbox: mailbox))
            let context = ResponseContext(operation: kind, response: response)
            let object = try JSONDecoding.object(response, context: context)
            result.items.append(contentsOf: try JSONDecoding.valueArray(object, context: context))
            result.pages += 1
            if let deltaLink = object["@odata.deltaLink"] {
                guard let link = deltaLink.stringValue else {
                    throw M365Error.invalidResponse("@odata.deltaLink is not a string", context: context)
                }
                result.deltaLink = link
            }
            guard let next = object["@odata.nextLink"], !next.isNull else { return result }
            guard let link = next.stringValue, !link.isEmpty else {
                throw M365Error.invalidResponse("@odata.nextLink is not a string", context: context)
            }
            guard isGraphLink(link) else {
                throw M365Error.invalidResponse("@odata.nextLink points to another host", context: context)
            }
            guard seen.insert(link).inserted else {
                throw M365Error.invalidResponse("@odata.nextLink repeats an earlier page", context: context)
            }
            url = link
        }
    }
}
