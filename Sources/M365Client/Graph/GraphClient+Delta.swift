import Logging
import M365Core
import M365Curl

extension GraphClient {
    /// Users changed since `deltaLink` (nil: a full read that yields the first delta link).
    public func usersDelta(select: [String], deltaLink: String?) async throws -> DeltaResult {
        let initial = URLBuilder.url(root, "/users/delta", query: [("$select", Self.selectList(select))])
        return try await delta(initial: initial, deltaLink: deltaLink, kind: "graph.usersDelta", headers: directoryPrefer)
    }

    /// Organizational contacts changed since `deltaLink` (nil: a full read).
    public func orgContactsDelta(select: [String], deltaLink: String?) async throws -> DeltaResult {
        let initial = URLBuilder.url(root, "/contacts/delta", query: [("$select", Self.selectList(select))])
        return try await delta(
            initial: initial,
            deltaLink: deltaLink,
            kind: "graph.orgContactsDelta",
            headers: directoryPrefer
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
            headers: ["Prefer": "odata.maxpagesize=\(options.contactsDeltaPageSize)"],
            mailbox: mailbox
        )
    }

    private func delta(
        initial: String,
        deltaLink: String?,
        kind: String,
        headers: HTTPHeaders = [:],
        mailbox: String? = nil
    ) async throws -> DeltaResult {
        var restarted = false
        var paged: PagedResult
        if let deltaLink {
            guard isGraphLink(deltaLink) else {
                throw M365Error.configuration("stored delta link does not point to this tenant's Graph host")
            }
            do {
                paged = try await collectPages(from: deltaLink, kind: kind, headers: headers, mailbox: mailbox)
            } catch let error as M365Error where Self.isExpiredDeltaToken(error) {
                engine.logger.info(
                    "Delta token expired, reading everything",
                    metadata: ["kind": "\(kind)", "status": "\(error.status.map(String.init) ?? "none")"]
                )
                restarted = true
                paged = try await collectPages(from: initial, kind: kind, headers: headers, mailbox: mailbox)
            }
        } else {
            paged = try await collectPages(from: initial, kind: kind, headers: headers, mailbox: mailbox)
        }
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
            isFullRead: deltaLink == nil || restarted,
            restartedAfterExpiry: restarted,
            pages: paged.pages
        )
    }

    /// Directory delta pages as large as the directory's `$top` maximum (delta accepts no `$top`).
    private var directoryPrefer: HTTPHeaders { ["Prefer": "odata.maxpagesize=\(options.directoryPageSize)"] }

    /// 410 Gone, or a sync-state error code: the delta token can no longer be used.
    static func isExpiredDeltaToken(_ error: M365Error) -> Bool {
        if error.status == 410 { return true }
        let codes: Set<String> = ["syncstatenotfound", "syncstateinvalid", "resyncrequired", "invaliddeltatoken"]
        return error.serviceCode.map { codes.contains($0.lowercased()) } ?? false
    }
}
