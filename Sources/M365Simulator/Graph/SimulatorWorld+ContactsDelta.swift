import HTTPTypes
import M365Primitives

extension SimulatorWorld {
    /// `GET /users/{id}/contactFolders/{id}/contacts/delta`: the folder's changes since a state token.
    mutating func contactsDelta(
        _ target: MailboxTarget,
        folder: UInt32,
        path: String,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        let request = context.request
        guard request.method == "GET" else { throw .methodNotAllowed() }
        let mailbox = tenants[target.tenant].mailboxes[target.ownerId]!
        let token = try Self.contactsDeltaToken(
            request,
            target: target,
            folder: folder,
            epoch: tenants[target.tenant].deltaEpoch,
            changeCounter: Int(mailbox.changeCounter)
        )
        let upTo = UInt32(token.int("u") ?? 0)
        let page = contactsDeltaPage(
            mailbox,
            target: target,
            folder: folder,
            token: token,
            pageSize: min(max(request.maxPageSizePreference ?? 10, 1), 200)
        )
        var body: [String: JSONValue] = [:]
        body["@odata.context"] = .string("\(context.base)/v1.0/$metadata#Collection(contact)")
        if page.more {
            var next = token
            next["a"] = .number(Double(page.last))
            body["@odata.nextLink"] = .string("\(context.base)/v1.0/\(path)?$skiptoken=\(next.encoded)")
        } else {
            var delta = token
            let replays = tenants[target.tenant].deltaReplays
            delta["since"] = .number(Double(replays ? max(1, Int(upTo) - Self.replayedChanges) : Int(upTo)))
            delta["a"] = 0
            body["@odata.deltaLink"] = .string("\(context.base)/v1.0/\(path)?$deltatoken=\(delta.encoded)")
        }
        body["value"] = .array(page.values.withReplays(tenants[target.tenant].deltaReplays))
        return context.ok(200, .object(body))
    }

    /// The state token a folder delta continues from, or a fresh one for a first request.
    private static func contactsDeltaToken(
        _ request: SimRequest,
        target: MailboxTarget,
        folder: UInt32,
        epoch: Int,
        changeCounter: Int
    ) throws(GraphError) -> PageToken {
        guard let raw = request.queryValue("$skiptoken") ?? request.queryValue("$deltatoken") else {
            for (name, _) in request.query
            where ["$top", "$filter", "$orderby", "$expand", "$count"].contains(name.lowercased()) {
                throw .badRequest(
                    "The query option '\(name)' is not supported with delta.",
                    code: "ErrorInvalidUrlQuery"
                )
            }
            var token = PageToken([
                "k": "cd", "o": .string(target.ownerId), "f": .number(Double(Int(folder))), "e": .number(Double(epoch)),
                "since": 0, "u": .number(Double(changeCounter)), "a": 0,
            ])
            if let select = request.queryValue("$select") { token["s"] = .string(select) }
            return token
        }
        guard var token = PageToken.decode(raw), token.string("k") == "cd",
            token.string("o") == target.ownerId,
            token.int("f") == Int(folder)
        else {
            throw GraphError(
                status: 400,
                code: "ErrorInvalidSyncStateData",
                message: "The sync state data is corrupted or otherwise invalid."
            )
        }
        if token.int("e") != epoch {
            throw GraphError(
                status: 410,
                code: "SyncStateNotFound",
                message:
                    "The sync state could not be found or has expired. Start a new synchronization without a state token."
            )
        }
        if request.queryValue("$deltatoken") != nil {
            token["u"] = .number(Double(changeCounter))
            token["a"] = 0
        }
        return token
    }

    /// The folder's changed contacts, then (after a first round) its removals, up to one page.
    private func contactsDeltaPage(
        _ mailbox: Mailbox,
        target: MailboxTarget,
        folder: UInt32,
        token: PageToken,
        pageSize: Int
    ) -> DeltaPage {
        let select = token.string("s").map { $0.split(separator: ",").map(String.init) }
        let since = UInt32(token.int("since") ?? 0)
        let upTo = UInt32(token.int("u") ?? 0)
        var page = DeltaPage(last: token.int("a") ?? 0)
        let after = page.last
        let tombstoneBase = 1 << 33
        let inWindow = { (item: UInt32, change: UInt32) in item == folder && change > since && change <= upTo }
        for contact in mailbox.contacts where Int(contact.seq) > after && inWindow(contact.folder, contact.changeSeq) {
            let render = {
                JSONValue.object(renderContact(contact, owner: target.ownerId, select: select, expand: nil))
            }
            guard page.add(at: Int(contact.seq), pageSize: pageSize, render) else { break }
        }
        guard !page.more, since > 0 else { return page }
        for tombstone in mailbox.tombstones
        where tombstoneBase + Int(tombstone.seq) > after && inWindow(tombstone.folder, tombstone.changeSeq) {
            let removed: JSONValue = [
                "@odata.type": "#microsoft.graph.contact",
                "id": .string(GraphIDs.itemID(kind: .contact, owner: target.ownerId, seq: tombstone.seq)),
                "@removed": ["reason": "deleted"],
            ]
            guard page.add(at: tombstoneBase + Int(tombstone.seq), pageSize: pageSize, { removed }) else { break }
        }
        return page
    }
}
