import HTTPTypes
import Logging
import M365Core
import M365Curl
import M365Primitives

extension GraphClient {
    /// Users changed since `deltaLink` (nil: a full read that yields the first delta link).
    public func usersDelta(select: [String], deltaLink: String?) async throws -> DeltaResult {
        try await directoryDelta("/users/delta", select: select, deltaLink: deltaLink, kind: "graph.usersDelta")
    }

    /// Organizational contacts changed since `deltaLink` (nil: a full read).
    public func orgContactsDelta(select: [String], deltaLink: String?) async throws -> DeltaResult {
        try await directoryDelta(
            "/contacts/delta",
            select: select,
            deltaLink: deltaLink,
            kind: "graph.orgContactsDelta"
        )
    }

    /// Contacts of one mailbox folder changed since `deltaLink` (nil: a full read).
    public func contactsDelta(
        mailbox: String,
        folderId: String,
        select: [String],
        deltaLink: String?
    ) async throws -> DeltaResult {
        let path = mailboxPath(mailbox) + "/contactFolders/\(URLBuilder.segment(folderId))/contacts/delta"
        let initial = URLBuilder.url(root, path, query: [("$select", Self.selectList(select))])
        return try await delta(
            initial: initial,
            deltaLink: deltaLink,
            kind: "graph.contactsDelta",
            headers: [.prefer: "odata.maxpagesize=\(options.contactsDeltaPageSize)"],
            mailbox: mailbox
        )
    }

    /// A directory delta query, its pages as large as the directory's `$top` maximum (delta accepts no `$top`).
    private func directoryDelta(
        _ path: String,
        select: [String],
        deltaLink: String?,
        kind: String
    ) async throws -> DeltaResult {
        try await delta(
            initial: URLBuilder.url(root, path, query: [("$select", Self.selectList(select))]),
            deltaLink: deltaLink,
            kind: kind,
            headers: [.prefer: "odata.maxpagesize=\(options.directoryPageSize)"]
        )
    }

    private func delta(
        initial: String,
        deltaLink: String?,
        kind: String,
        headers: HTTPFields,
        mailbox: String? = nil
    ) async throws -> DeltaResult {
        let read = { (url: String) in try await collectPages(from: url, kind: kind, headers: headers, mailbox: mailbox)
        }
        var restarted = false
        let paged: PagedResult
        if let deltaLink {
            guard isGraphLink(deltaLink) else {
                throw M365Error.configuration("stored delta link does not point to this tenant's Graph host")
            }
            do {
                paged = try await read(deltaLink)
            } catch let error as M365Error where Self.isExpiredDeltaToken(error) {
                engine.logger.info(
                    "Delta token expired, reading everything",
                    metadata: ["kind": "\(kind)", "status": "\(error.status.map(String.init) ?? "none")"]
                )
                restarted = true
                paged = try await read(initial)
            }
        } else {
            paged = try await read(initial)
        }
        return try Self.deltaResult(paged, kind: kind, fullRead: deltaLink == nil || restarted, restarted: restarted)
    }

    /// The folded changes of a finished delta listing, which must end in a delta link.
    private static func deltaResult(
        _ paged: PagedResult,
        kind: String,
        fullRead: Bool,
        restarted: Bool
    ) throws -> DeltaResult {
        guard let link = paged.deltaLink else {
            throw M365Error.invalidResponse(
                "delta listing ended without @odata.deltaLink",
                context: ResponseContext(operation: kind, status: 200, contentType: "application/json")
            )
        }
        let (changed, removed) = DeltaResult.fold(paged.items)
        return DeltaResult(
            changed: changed,
            removed: removed,
            deltaLink: link,
            isFullRead: fullRead,
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
