/// A contact folder in a mailbox.
struct ContactFolder: Sendable {
    var seq: UInt32
    var parent: UInt32
    var displayName: String
}

/// A removed contact, remembered for folder delta.
struct ContactTombstone: Sendable {
    var seq: UInt32
    var folder: UInt32
    var changeSeq: UInt32
}

/// The contacts side of one user's mailbox.
struct Mailbox: Sendable {
    /// Folder sequence of the root (`msgfolderroot`); never listed.
    static let rootFolder: UInt32 = 0
    /// Folder sequence of the default `Contacts` folder.
    static let defaultFolder: UInt32 = 1

    let ownerId: String
    let ownerIndex: Int
    var folders: [ContactFolder] = [
        ContactFolder(seq: Mailbox.defaultFolder, parent: Mailbox.rootFolder, displayName: "Contacts")
    ]
    /// Contacts ordered by `seq`.
    var contacts: [MailboxContact] = []
    var tombstones: [ContactTombstone] = []
    /// Contact photos by contact sequence number.
    var photos: [UInt32: SimPhoto] = [:]
    var nextSeq: UInt32 = 1
    var nextFolderSeq: UInt32 = 2
    var changeCounter: UInt32 = 0

    init(ownerId: String, ownerIndex: Int) {
        self.ownerId = ownerId
        self.ownerIndex = ownerIndex
    }

    func folderIndex(_ seq: UInt32) -> Int? { folders.firstIndex { $0.seq == seq } }

    func contactIndex(_ seq: UInt32) -> Int? {
        var low = 0
        var high = contacts.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let value = contacts[mid].seq
            if value == seq { return mid }
            if value < seq { low = mid + 1 } else { high = mid - 1 }
        }
        return nil
    }

    /// The index of the contact with Graph id `id` (a contact id of any owner's encoding), if present.
    func contactIndex(id: String) -> Int? {
        guard let parsed = GraphIDs.parseItemID(id), parsed.kind == .contact else { return nil }
        return contactIndex(parsed.seq)
    }

    mutating func nextChange() -> UInt32 {
        changeCounter += 1
        return changeCounter
    }

    /// A new contact in `folder`: the next sequence number and a change. Add it with `insert`.
    mutating func newContact(folder: UInt32, created: Int64) -> MailboxContact {
        defer { nextSeq += 1 }
        return MailboxContact(seq: nextSeq, folder: folder, changeSeq: nextChange(), created: created)
    }

    mutating func insert(_ contact: MailboxContact) {
        contacts.append(contact)
    }

    mutating func remove(at index: Int) {
        let contact = contacts.remove(at: index)
        photos[contact.seq] = nil
        tombstones.append(ContactTombstone(seq: contact.seq, folder: contact.folder, changeSeq: nextChange()))
    }
}

extension Mailbox {
    /// Deletes a folder with its child folders and every contact in them.
    mutating func removeFolder(_ folder: UInt32) {
        var doomed: Set<UInt32> = [folder]
        while let child = folders.first(where: { doomed.contains($0.parent) && !doomed.contains($0.seq) }) {
            doomed.insert(child.seq)
        }
        folders.removeAll { doomed.contains($0.seq) }
        for index in contacts.indices.reversed() where doomed.contains(contacts[index].folder) {
            remove(at: index)
        }
    }
}
