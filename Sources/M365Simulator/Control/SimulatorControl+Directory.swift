extension SimulatorControl {
    /// Users of a tenant, including deleted ones (see `lifecycle`).
    public func users(tenantId: String) async throws -> [DirectoryUser] {
        try withTenant(tenantId) { tenant, _ in tenant.users }
    }

    /// One user by id or UPN.
    public func user(tenantId: String, _ key: String) async throws -> DirectoryUser {
        try withTenant(tenantId) { tenant, _ in
            guard let index = tenant.userPosition(key) else { throw SimulatorError.unknownObject(key) }
            return tenant.users[index]
        }
    }

    /// Adds a user; an empty `id` gets a generated GUID. Returns the stored user.
    @discardableResult
    public func addUser(tenantId: String, _ user: DirectoryUser) async throws -> DirectoryUser {
        try withTenant(tenantId) { tenant, _ in
            var user = user
            if user.id.isEmpty { user.id = tenant.random.guid() }
            guard tenant.userPosition(user.id) == nil, tenant.userPosition(user.userPrincipalName) == nil else {
                throw SimulatorError.invalidArgument(
                    "a user with id \(user.id) or UPN \(user.userPrincipalName) exists already"
                )
            }
            tenant.insertUser(user)
            return tenant.users.last!
        }
    }

    /// Changes a user (a delta change); the id cannot change.
    @discardableResult
    public func updateUser(
        tenantId: String,
        _ key: String,
        _ change: @Sendable (inout DirectoryUser) -> Void
    ) async throws
        -> DirectoryUser
    {
        try withTenant(tenantId) { tenant, _ in
            guard let index = tenant.userPosition(key) else { throw SimulatorError.unknownObject(key) }
            var user = tenant.users[index]
            let id = user.id
            let oldUPN = user.userPrincipalName
            change(&user)
            user.id = id
            user.changeSeq = tenant.nextChange()
            if user.userPrincipalName != oldUPN {
                tenant.userIndex[oldUPN.lowercased()] = nil
                tenant.userIndex[user.userPrincipalName.lowercased()] = index
            }
            if user.hasMailbox, tenant.mailboxes[id] == nil {
                tenant.mailboxes[id] = Mailbox(ownerId: id, ownerIndex: index)
            }
            tenant.users[index] = user
            return user
        }
    }

    /// Deletes a user: soft (restorable, delta `changed`) or permanently (delta `deleted`).
    public func removeUser(tenantId: String, _ key: String, permanently: Bool = false) async throws {
        try await updateUser(tenantId: tenantId, key) { $0.lifecycle = permanently ? .hardDeleted : .softDeleted }
    }

    /// Restores a soft-deleted user.
    public func restoreUser(tenantId: String, _ key: String) async throws {
        try await updateUser(tenantId: tenantId, key) { $0.lifecycle = .active }
    }

    public func orgContacts(tenantId: String) async throws -> [OrgContact] {
        try withTenant(tenantId) { tenant, _ in tenant.orgContacts }
    }

    @discardableResult
    public func addOrgContact(tenantId: String, _ contact: OrgContact) async throws -> OrgContact {
        try withTenant(tenantId) { tenant, _ in
            var contact = contact
            if contact.id.isEmpty { contact.id = tenant.random.guid() }
            guard tenant.orgContactIndex[contact.id.lowercased()] == nil else {
                throw SimulatorError.invalidArgument("an org contact with id \(contact.id) exists already")
            }
            tenant.insertOrgContact(contact)
            return tenant.orgContacts.last!
        }
    }

    @discardableResult
    public func updateOrgContact(
        tenantId: String,
        _ id: String,
        _ change: @Sendable (inout OrgContact) -> Void
    ) async throws
        -> OrgContact
    {
        try withTenant(tenantId) { tenant, _ in
            guard let index = tenant.orgContactIndex[id.lowercased()] else { throw SimulatorError.unknownObject(id) }
            var contact = tenant.orgContacts[index]
            change(&contact)
            contact.id = tenant.orgContacts[index].id
            contact.changeSeq = tenant.nextChange()
            tenant.orgContacts[index] = contact
            return contact
        }
    }

    public func removeOrgContact(tenantId: String, _ id: String) async throws {
        try await updateOrgContact(tenantId: tenantId, id) { $0.deleted = true }
    }

    public func groups(tenantId: String) async throws -> [DirectoryGroup] {
        try withTenant(tenantId) { tenant, _ in tenant.groups }
    }

    @discardableResult
    public func addGroup(tenantId: String, displayName: String, memberIds: [String] = []) async throws -> DirectoryGroup
    {
        try withTenant(tenantId) { tenant, _ in
            let group = DirectoryGroup(
                id: tenant.random.guid(),
                displayName: displayName,
                mailNickname: displayName.lowercased().filter { $0.isLetter || $0.isNumber },
                memberIds: memberIds
            )
            tenant.groups.append(group)
            return group
        }
    }

    /// Adds a user, org contact or group to a group (membership changes count as user changes for delta).
    public func addGroupMember(tenantId: String, groupId: String, memberId: String) async throws {
        try withTenant(tenantId) { tenant, _ in
            guard let index = tenant.groups.firstIndex(where: { $0.id.lowercased() == groupId.lowercased() }) else {
                throw SimulatorError.unknownObject(groupId)
            }
            if !tenant.groups[index].memberIds.contains(where: { $0.lowercased() == memberId.lowercased() }) {
                tenant.groups[index].memberIds.append(memberId)
            }
        }
    }

    public func removeGroupMember(tenantId: String, groupId: String, memberId: String) async throws {
        try withTenant(tenantId) { tenant, _ in
            guard let index = tenant.groups.firstIndex(where: { $0.id.lowercased() == groupId.lowercased() }) else {
                throw SimulatorError.unknownObject(groupId)
            }
            tenant.groups[index].memberIds.removeAll { $0.lowercased() == memberId.lowercased() }
        }
    }

    /// Exchange mail contacts of a tenant.
    public func mailContacts(tenantId: String) async throws -> [MailContact] {
        try withTenant(tenantId) { tenant, _ in tenant.mailContacts }
    }

    @discardableResult
    public func addMailContact(tenantId: String, _ contact: MailContact) async throws -> MailContact {
        try withTenant(tenantId) { tenant, _ in
            var contact = contact
            if contact.guid.isEmpty { contact.guid = tenant.random.guid() }
            tenant.insertMailContact(contact)
            return tenant.mailContacts.last!
        }
    }

    /// Changes a mail contact the way an Exchange admin would (its `WhenChanged` becomes now); returns it.
    @discardableResult
    public func updateMailContact(
        tenantId: String,
        guid: String,
        _ change: @Sendable (inout MailContact) -> Void
    ) async throws -> MailContact {
        let now = Int64(state.now())
        return try withTenant(tenantId) { tenant, _ in
            guard let index = tenant.mailContacts.firstIndex(where: { $0.guid.lowercased() == guid.lowercased() })
            else { throw SimulatorError.unknownObject(guid) }
            change(&tenant.mailContacts[index])
            tenant.mailContacts[index].whenChanged = now
            return tenant.mailContacts[index]
        }
    }
}
