import HTTPTypes
import Logging
import M365Core
import M365Curl
import M365Primitives

extension GraphClient {
    /// Users changed since `deltaLink` (nil: a full read that yields the first delta link).
    public func usersDelta(select: [String], deltaLink: String?) async throws -> DeltaResult {
        try await folded { try await usersDelta(select: select, deltaLink: deltaLink, $0) }
    }

    /// Users changed since `deltaLink` (nil: a full read), handed to `handle` a page at a time, unfolded.
    public func usersDelta(
        select: [String],
        deltaLink: String?,
        _ handle: ([[String: JSONValue]]) throws -> Void
    ) async throws -> DeltaEnd {
        try await directoryDelta("/users/delta", select: select, deltaLink: deltaLink, kind: "graph.usersDelta", handle)
    }

    /// Organizational contacts changed since `deltaLink` (nil: a full read).
    public func orgContactsDelta(select: [String], deltaLink: String?) async throws -> DeltaResult {
        try await folded { try await orgContactsDelta(select: select, deltaLink: deltaLink, $0) }
    }

    /// Organizational contacts changed since `deltaLink` (nil: a full read), handed to `handle` a page at a time,
    /// unfolded.
    public func orgContactsDelta(
        select: [String],
        deltaLink: String?,
        _ handle: ([[String: JSONValue]]) throws -> Void
    ) async throws -> DeltaEnd {
        try await directoryDelta(
            "/contacts/delta",
            select: select,
            deltaLink: deltaLink,
            kind: "graph.orgContactsDelta",
            handle
        )
    }

    /// Contacts of one mailbox folder changed since `deltaLink` (nil: a full read).
    public func contactsDelta(
        mailbox: String,
        folderId: String,
        select: [String],
        deltaLink: String?
    ) async throws -> DeltaResult {
        try await folded {
            try await contactsDelta(mailbox: mailbox, folderId: folderId, select: select, deltaLink: deltaLink, $0)
        }
    }

    /// Contacts of one mailbox folder changed since `deltaLink` (nil: a full read), handed to `handle` a page at a
    /// time as they arrive, unfolded (an object may come more than once; `@removed` entries included): a folder's
    /// full round costs one page of memory, whatever its size.
    public func contactsDelta(
        mailbox: String,
        folderId: String,
        select: [String],
        deltaLink: String?,
        _ handle: ([[String: JSONValue]]) throws -> Void
    ) async throws -> DeltaEnd {
        let path = mailboxPath(mailbox) + "/contactFolders/\(URLBuilder.segment(folderId))/contacts/delta"
        let initial = URLBuilder.url(root, path, query: [("$select", Self.selectList(select))])
        return try await streamDelta(
            initial: initial,
            deltaLink: deltaLink,
            kind: "graph.contactsDelta",
            headers: [.prefer: "odata.maxpagesize=\(options.contactsDeltaPageSize)"],
            mailbox: mailbox,
            handle
        )
    }

    /// A directory delta query, its pages as large as the directory's `$top` maximum (delta accepts no `$top`).
    private func directoryDelta(
        _ path: String,
        select: [String],
        deltaLink: String?,
        kind: String,
        _ handle: ([[String: JSONValue]]) throws -> Void
    ) async throws -> DeltaEnd {
        try await streamDelta(
            initial: URLBuilder.url(root, path, query: [("$select", Self.selectList(select))]),
            deltaLink: deltaLink,
            kind: kind,
            headers: [.prefer: "odata.maxpagesize=\(options.directoryPageSize)"],
            handle
        )
    }

    /// A streamed delta query's entries collected and folded.
    private func folded(
        _ stream: (_ handle: ([[String: JSONValue]]) throws -> Void) async throws -> DeltaEnd
    ) async throws -> DeltaResult {
        var items: [[String: JSONValue]] = []
        let end = try await stream { items.append(contentsOf: $0) }
        return DeltaResult(folding: items, end: end)
    }

    /// Follows a delta query to its delta link, handing each page's entries on. A stored link refused as expired
    /// on its first request starts a full round; refused after pages were handed on, the error is thrown (the
    /// caller has taken in part of a round it must not finish).
    private func streamDelta(
        initial: String,
        deltaLink: String?,
        kind: String,
        headers: HTTPFields,
        mailbox: String? = nil,
        _ handle: ([[String: JSONValue]]) throws -> Void
    ) async throws -> DeltaEnd {
        if let deltaLink, !isGraphLink(deltaLink) {
            throw M365Error.configuration("stored delta link does not point to this tenant's Graph host")
        }
        var handedOn = false
        var restarted = false
        var url = deltaLink ?? initial
        var paged: PagingEnd
        while true {
            do {
                paged = try await forEachPage(from: url, kind: kind, headers: headers, mailbox: mailbox) { items in
                    handedOn = true
                    try handle(items)
                }
                break
            } catch let error as M365Error
                where deltaLink != nil && !restarted && !handedOn && Self.isExpiredDeltaToken(error)
            {
                engine.logger.info(
                    "Delta token expired, reading everything",
                    metadata: ["kind": "\(kind)", "status": "\(error.status.map(String.init) ?? "none")"]
                )
                restarted = true
                url = initial
            }
        }
        guard let link = paged.deltaLink else {
            throw M365Error.invalidResponse(
                "delta listing ended without @odata.deltaLink",
                context: ResponseContext(operation: kind, status: 200, contentType: "application/json")
            )
        }
        return DeltaEnd(
            deltaLink: link,
            isFullRead: deltaLink == nil || restarted,
            restartedAfterExpiry: restarted,
            pages: paged.pages
        )
    }

    /// 410 Gone, or a sync-state error code: the delta token can no longer be used.
    static func isExpiredDeltaToken(_ error: M365Error) -> Bool {
        if error.status == 410 { return true }
        let codes: Set<String> = ["syncstatenotfound", "syncstateinvalid", "resyncrequired", "invaliddeltatoken"]
        return error.serviceCode.map { codes.contains($0.lowercased()) } ?? false
    }
}
