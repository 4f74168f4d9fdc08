extension SimulatorWorld {
    /// `GET /users/{id}/contactFolders/{id}/contacts/delta`: the folder's changes since a state token.
    mutating func contactsDelta(
        _ target: MailboxTarget,
        folder: UInt32,
        path: String,
        context: GraphContext
    ) -> SimResponse {
        let request = context.request
        guard request.method == "GET" else { return context.fail(.methodNotAllowed()) }
        let mailbox = tenants[target.tenant].mailboxes[target.ownerId]!
        let epoch = tenants[target.tenant].deltaEpoch
        var token = PageToken()
        if let raw = request.queryValue("$skiptoken") ?? request.queryValue("$deltatoken") {
            guard let decoded = PageToken.decode(raw), decoded.string("k") == "cd",
                decoded.string("o") == target.ownerId,
                decoded.int("f") == Int(folder)
            else {
                return context.fail(
                    GraphError(
                        status: 400,
                        code: "ErrorInvalidSyncStateData",
                        message: "The sync state data is corrupted or otherwise invalid."
                    )
                )
            }
            if decoded.int("e") != epoch {
                return context.fail(
                    GraphError(
                        status: 410,
                        code: "SyncStateNotFound",
                        message:
                            "The sync state could not be found or has expired. Start a new synchronization without a state token."
                    )
                )
            }
            token = decoded
            if request.queryValue("$deltatoken") != nil {
                token["u"] = .int(Int(mailbox.changeCounter))
                token["a"] = 0
            }
        } else {
            for (name, _) in request.query
            where ["$top", "$filter", "$orderby", "$expand", "$count"].contains(name.lowercased()) {
                return context.fail(
                    .badRequest("The query option '\(name)' is not supported with delta.", code: "ErrorInvalidUrlQuery")
                )
            }
            token["k"] = "cd"
            token["o"] = .string(target.ownerId)
            token["f"] = .int(Int(folder))
            token["e"] = .int(epoch)
            token["since"] = 0
            token["u"] = .int(Int(mailbox.changeCounter))
            token["a"] = 0
            if let select = request.queryValue("$select") { token["s"] = .string(select) }
        }
        let select = token.string("s").map { $0.split(separator: ",").map(String.init) }
        let since = UInt32(token.int("since") ?? 0)
        let upTo = UInt32(token.int("u") ?? 0)
        let after = token.int("a") ?? 0
        let pageSize = min(max(request.maxPageSizePreference ?? 10, 1), 200)
        var values: [SimJSON] = []
        var last = after
        var more = false
        let tombstoneBase = 1 << 33
        for contact in mailbox.contacts where Int(contact.seq) > after {
            guard contact.folder == folder, contact.changeSeq > since, contact.changeSeq <= upTo else { continue }
            if values.count == pageSize {
                more = true
                break
            }
            values.append(.object(renderContact(contact, owner: target.ownerId, select: select, expand: nil)))
            last = Int(contact.seq)
        }
        if !more, since > 0 {
            for tombstone in mailbox.tombstones where tombstoneBase + Int(tombstone.seq) > after {
                guard tombstone.folder == folder, tombstone.changeSeq > since, tombstone.changeSeq <= upTo else {
                    continue
                }
                if values.count == pageSize {
                    more = true
                    break
                }
                values.append([
                    "@odata.type": "#microsoft.graph.contact",
                    "id": .string(GraphIDs.itemID(kind: .contact, owner: target.ownerId, seq: tombstone.seq)),
                    "@removed": ["reason": "deleted"],
                ])
                last = tombstoneBase + Int(tombstone.seq)
            }
        }
        var body = SimJSONObject()
        body.append("@odata.context", .string("\(context.base)/v1.0/$metadata#Collection(contact)"))
        if more {
            var next = token
            next["a"] = .int(last)
            body.append("@odata.nextLink", .string("\(context.base)/v1.0/\(path)?$skiptoken=\(next.encoded)"))
        } else {
            var delta = token
            delta["since"] = .int(Int(upTo))
            delta["a"] = 0
            body.append("@odata.deltaLink", .string("\(context.base)/v1.0/\(path)?$deltatoken=\(delta.encoded)"))
        }
        body.append("value", .array(values))
        return context.ok(200, .object(body))
    }
}
