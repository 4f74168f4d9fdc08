import HTTPTypes
import M365Core
import M365Curl
import M365Primitives

/// How a paged listing ended, its objects handed on page by page.
struct PagingEnd: Sendable {
    var deltaLink: String?
    var pages = 0
}

extension GraphClient {
    /// Every object of a listing: follows `@odata.nextLink` from `firstURL` to the end, re-sending `headers` on
    /// every page.
    ///
    /// A page that is not a JSON object with a `value` array fails the whole listing: a partial
    /// read is never returned as if it were complete.
    func collectPages(
        from firstURL: String,
        kind: String,
        headers: HTTPFields = [:],
        mailbox: String? = nil
    ) async throws -> [[String: JSONValue]] {
        var items: [[String: JSONValue]] = []
        _ = try await forEachPage(from: firstURL, kind: kind, headers: headers, mailbox: mailbox) {
            items.append(contentsOf: $0)
        }
        return items
    }

    /// Follows `@odata.nextLink` from `firstURL` to the end and hands each page's objects to `handle` as it
    /// arrives, so a listing's memory is one page's, whatever its length.
    ///
    /// A page that is not a JSON object with a `value` array fails the listing; the pages handed on before it were
    /// valid, but the caller must not take them for the whole listing.
    func forEachPage(
        from firstURL: String,
        kind: String,
        headers: HTTPFields = [:],
        mailbox: String? = nil,
        _ handle: ([[String: JSONValue]]) throws -> Void
    ) async throws -> PagingEnd {
        var end = PagingEnd()
        var url = firstURL
        var seen: Set<String> = [firstURL]
        while true {
            let response = try await send(graphRequest(.get, url, kind: kind, headers: headers, mailbox: mailbox))
            let context = ResponseContext(operation: kind, response: response)
            let object = try JSONDecoding.object(response, context: context)
            try handle(try JSONDecoding.valueArray(object, context: context))
            end.pages += 1
            if let deltaLink = object["@odata.deltaLink"] {
                guard let link = deltaLink.stringValue else {
                    throw M365Error.invalidResponse("@odata.deltaLink is not a string", context: context)
                }
                end.deltaLink = link
            }
            guard let next = object["@odata.nextLink"], !next.isNull else { return end }
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
