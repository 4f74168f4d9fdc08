import M365Primitives

extension SimulatorControl {
    /// Finds the tenant holding the mailbox of `mailbox` (user id or UPN), or uses `tenantId`.
    func mailboxTenant(_ mailbox: String, tenantId: String?) throws -> String {
        if let tenantId { return tenantId }
        guard
            let found = state.withWorld({ world in world.tenants.first { $0.userPosition(mailbox) != nil }?.tenantId })
        else {
            throw SimulatorError.unknownObject(mailbox)
        }
        return found
    }

    /// Runs `body` on a user's mailbox under the lock.
    func withMailbox<T: Sendable>(
        _ key: String,
        tenantId: String?,
        _ body: (inout Mailbox, inout SimulatorWorld) throws -> T
    ) throws -> T {
        let tenant = try mailboxTenant(key, tenantId: tenantId)
        return try withTenant(tenant) { tenant, world in
            guard let index = tenant.userPosition(key), tenant.users[index].hasMailbox else {
                throw SimulatorError.unknownObject(key)
            }
            let id = tenant.users[index].id
            var mailbox = tenant.mailboxes.removeValue(forKey: id) ?? Mailbox(ownerId: id, ownerIndex: index)
            defer { tenant.mailboxes[id] = mailbox }
            return try body(&mailbox, &world)
        }
    }

    /// Adds a contact "made by the person" (Graph contact JSON, extended properties allowed); returns it as Graph shows it.
    @discardableResult
    public func addPersonalContact(
        tenantId: String? = nil,
        mailbox: String,
        folderId: String? = nil,
        contact: JSONValue
    ) async throws
        -> JSONValue
    {
        if let error = ContactBody.validate(contact) { throw SimulatorError.invalidArgument(error.message) }
        let now = Int64(state.now())
        return try withMailbox(mailbox, tenantId: tenantId) { box, world in
            var folder = Mailbox.defaultFolder
            if let folderId {
                guard let parsed = GraphIDs.parseItemID(folderId), parsed.kind == .folder,
                    box.folderIndex(parsed.seq) != nil
                else {
                    throw SimulatorError.unknownObject(folderId)
                }
                folder = parsed.seq
            }
            var item = box.newContact(folder: folder, created: now)
            item.apply(contact.objectValue ?? [:], names: &world.extendedNames)
            box.insert(item)
            return .object(item.graphJSON(owner: box.ownerId))
        }
    }

    /// Changes a contact the way its owner would in Outlook (Graph contact JSON members); returns it as Graph shows it.
    @discardableResult
    public func editContact(
        tenantId: String? = nil,
        mailbox: String,
        contactId: String,
        changes: JSONValue
    ) async throws
        -> JSONValue
    {
        if let error = ContactBody.validate(changes) { throw SimulatorError.invalidArgument(error.message) }
        let now = Int64(state.now())
        return try withMailbox(mailbox, tenantId: tenantId) { box, world in
            guard let index = box.contactIndex(id: contactId) else { throw SimulatorError.unknownObject(contactId) }
            box.contacts[index].apply(changes.objectValue ?? [:], names: &world.extendedNames)
            box.contacts[index].modified = now
            box.contacts[index].changeSeq = box.nextChange()
            return .object(box.contacts[index].graphJSON(owner: box.ownerId))
        }
    }

    /// Deletes a contact the way its owner would in Outlook.
    public func deleteContact(tenantId: String? = nil, mailbox: String, contactId: String) async throws {
        try withMailbox(mailbox, tenantId: tenantId) { box, _ in
            guard let index = box.contactIndex(id: contactId) else { throw SimulatorError.unknownObject(contactId) }
            box.remove(at: index)
        }
    }

    /// Creates a contact folder; returns its id.
    @discardableResult
    public func addContactFolder(
        tenantId: String? = nil,
        mailbox: String,
        displayName: String,
        parentFolderId: String? = nil
    )
        async throws -> String
    {
        try withMailbox(mailbox, tenantId: tenantId) { box, _ in
            var parent = Mailbox.defaultFolder
            if let parentFolderId {
                guard let parsed = GraphIDs.parseItemID(parentFolderId), parsed.kind == .folder else {
                    throw SimulatorError.unknownObject(parentFolderId)
                }
                parent = parsed.seq
            }
            let folder = ContactFolder(seq: box.nextFolderSeq, parent: parent, displayName: displayName)
            box.nextFolderSeq += 1
            box.folders.append(folder)
            return GraphIDs.itemID(kind: .folder, owner: box.ownerId, seq: folder.seq)
        }
    }

    /// Renames a contact folder, as its owner would in Outlook.
    public func renameContactFolder(
        tenantId: String? = nil,
        mailbox: String,
        folderId: String,
        to displayName: String
    ) async throws {
        try withMailbox(mailbox, tenantId: tenantId) { box, _ in
            guard let parsed = GraphIDs.parseItemID(folderId), parsed.kind == .folder,
                let index = box.folderIndex(parsed.seq)
            else { throw SimulatorError.unknownObject(folderId) }
            box.folders[index].displayName = displayName
        }
    }

    /// Deletes a contact folder with everything in it, as its owner would in Outlook.
    public func deleteContactFolder(tenantId: String? = nil, mailbox: String, folderId: String) async throws {
        try withMailbox(mailbox, tenantId: tenantId) { box, _ in
            guard let parsed = GraphIDs.parseItemID(folderId), parsed.kind == .folder,
                box.folderIndex(parsed.seq) != nil
            else { throw SimulatorError.unknownObject(folderId) }
            box.removeFolder(parsed.seq)
        }
    }

    /// Every folder of a mailbox (including the default `Contacts`) as Graph shows them.
    public func contactFolders(tenantId: String? = nil, inMailbox mailbox: String) async throws -> [JSONValue] {
        try withMailbox(mailbox, tenantId: tenantId) { box, world in
            box.folders.map { JSONValue.object(world.folderJSON($0, owner: box.ownerId)) }
        }
    }

    /// Every contact of a mailbox, all folders, as Graph returns them with all extended properties expanded.
    public func contacts(tenantId: String? = nil, inMailbox mailbox: String) async throws -> [JSONValue] {
        try withMailbox(mailbox, tenantId: tenantId) { box, world in
            box.contacts.map {
                JSONValue.object(world.renderContact($0, owner: box.ownerId, select: nil, expand: { _ in true }))
            }
        }
    }

    /// How many contacts a mailbox holds.
    public func contactCount(tenantId: String? = nil, inMailbox mailbox: String) async throws -> Int {
        try withMailbox(mailbox, tenantId: tenantId) { box, _ in box.contacts.count }
    }

    /// Turns a user's mailbox on or off (off: Outlook endpoints answer 404 MailboxNotEnabledForRESTAPI).
    public func setMailbox(tenantId: String, _ key: String, enabled: Bool) async throws {
        try await updateUser(tenantId: tenantId, key) { $0.hasMailbox = enabled }
    }

    /// Fills mailboxes with `total` synced-looking contacts, spread evenly (for memory measurements and benchmarks).
    public func prefillContacts(
        tenantId: String,
        total: Int,
        extendedPropertyId: String = "String {66f5a359-4659-4830-9070-00047ec6ac6e} Name m365syncId"
    ) async throws {
        let now = Int64(state.now())
        try withTenant(tenantId) { tenant, world in
            let owners = tenant.users.filter(\.hasMailbox).map(\.id)
            guard !owners.isEmpty else { throw SimulatorError.invalidArgument("the tenant has no mailboxes") }
            let property = world.extendedNames.intern(extendedPropertyId)
            let sources = tenant.users
            for (slot, owner) in owners.enumerated() {
                let share = total / owners.count + (slot < total % owners.count ? 1 : 0)
                var box = tenant.mailboxes.removeValue(forKey: owner)!
                box.contacts.reserveCapacity(box.contacts.count + share)
                for index in 0..<share {
                    let source = sources[index % sources.count]
                    var item = box.newContact(folder: Mailbox.defaultFolder, created: now)
                    // Fresh copies: contacts written over HTTP never share storage with the directory.
                    item.displayName = fresh(source.displayName)
                    item.givenName = fresh(source.givenName)
                    item.surname = fresh(source.surname)
                    item.companyName = fresh(source.companyName)
                    item.department = fresh(source.department)
                    item.jobTitle = fresh(source.jobTitle)
                    item.mobilePhone = fresh(source.mobilePhone)
                    item.officeLocation = fresh(source.officeLocation)
                    item.businessPhones = source.businessPhones.compactMap { fresh($0) }
                    if let mail = source.mail {
                        item.emailAddresses = [ContactEmail(name: fresh(source.displayName), address: fresh(mail))]
                    }
                    if source.city != nil {
                        item.businessAddress = ContactAddress(
                            street: fresh(source.streetAddress),
                            city: fresh(source.city),
                            state: fresh(source.state),
                            postalCode: fresh(source.postalCode),
                            countryOrRegion: fresh(source.country)
                        )
                    }
                    item.extended = [ExtendedValue(property: property, value: fresh(source.id) ?? "")]
                    box.insert(item)
                }
                tenant.mailboxes[owner] = box
            }
        }
    }
}

/// A copy of a string with its own storage.
private func fresh(_ value: String?) -> String? {
    value.map { String(decoding: Array($0.utf8), as: UTF8.self) }
}
