import M365Primitives

extension SimulatorControl {
    /// Sets (nil: removes) a user's profile photo. Like in Graph, this is no delta change.
    public func setUserPhoto(tenantId: String, _ key: String, _ photo: SimPhoto?) async throws {
        try withTenant(tenantId) { tenant, _ -> Result<Void, SimulatorError> in
            guard let index = tenant.userPosition(key) else { return .failure(.unknownObject(key)) }
            tenant.users[index].photo = photo
            return .success(())
        }
    }

    /// A contact's photo as stored by the last upload; nil when it has none.
    public func contactPhoto(tenantId: String? = nil, mailbox: String, contactId: String) async throws -> SimPhoto? {
        try withMailbox(mailbox, tenantId: tenantId) { mailbox, _ in
            guard let parsed = GraphIDs.parseItemID(contactId), parsed.kind == .contact,
                mailbox.contactIndex(parsed.seq) != nil
            else { return .failure(.unknownObject(contactId)) }
            return .success(mailbox.photos[parsed.seq])
        }
    }
}

extension SimulatorEngine {
    /// `PUT|DELETE /_sim/tenants/{t}/users/{id}/photo` (the bytes, with their `Content-Type`) and
    /// `GET /_sim/tenants/{t}/mailboxes/{user}/contacts/{id}/photo`; nil when the path is none of these.
    func routePhotoControl(
        _ request: SimRequest,
        tenant: String,
        rest: [String],
        control: SimulatorControl
    ) async throws -> SimResponse? {
        switch (request.method, rest.first ?? "", rest.count) {
        case ("PUT", "users", 3) where rest[2] == "photo":
            guard !request.body.isEmpty else { throw SimulatorError.invalidArgument("the photo's bytes are missing") }
            let type = request.header("content-type") ?? "image/jpeg"
            try await control.setUserPhoto(tenantId: tenant, rest[1], SimPhoto(bytes: request.body, contentType: type))
            return .empty(204)
        case ("DELETE", "users", 3) where rest[2] == "photo":
            try await control.setUserPhoto(tenantId: tenant, rest[1], nil)
            return .empty(204)
        case ("GET", "mailboxes", 5) where rest[2] == "contacts" && rest[4] == "photo":
            guard let photo = try await control.contactPhoto(tenantId: tenant, mailbox: rest[1], contactId: rest[3])
            else { return .json(404, ["error": ["code": "unknownObject", "message": "the contact has no photo"]]) }
            return SimResponse(status: 200, headers: [("Content-Type", photo.contentType)], body: photo.bytes)
        default:
            return nil
        }
    }
}
