import Foundation
import M365Core
import M365Primitives
import M365Simulator
import M365State
import M365TestSupport
import Testing

/// Photo helpers for the personal contacts tests.
extension PersonalContactsFixture {
    /// Rewrites the job `pc` into every mailbox with photos on.
    func enablePhotos(refresh: String? = nil) throws {
        let list = mailboxes.map { "\"\($0)\"" }.joined(separator: ", ")
        let interval = refresh.map { #", "photoRefreshInterval": "\#($0)""# } ?? ""
        try writeJob("pc", target: #""mailboxes": [\#(list)], "photos": true\#(interval)"#)
    }

    /// The users (not org contacts) a run of `pc` selects, from a dry run of the job before photos are on.
    func selectedUsers() async throws -> [String] {
        let plan = try await run(dryRun: true)
        let orgContacts = Set(try await control.orgContacts(tenantId: tenant).map(\.id))
        return try plan.firstTarget.actions.map(\.sourceId).filter { !orgContacts.contains($0) }.sorted()
    }

    /// The job's contacts in `mailbox`: contact id by source id.
    func contactIds(_ mailbox: String) async throws -> [String: String] {
        var ids: [String: String] = [:]
        for contact in try await managed(mailbox) {
            guard let source = PersonalContactsOwnerEditsTests.sourceId(of: contact),
                let id = contact["id"]?.stringValue
            else { continue }
            ids[source] = id
        }
        return ids
    }

    /// The photo of the job's contact of `sourceId` in `mailbox`.
    func contactPhoto(_ mailbox: String, of sourceId: String) async throws -> SimPhoto? {
        let id = try #require(try await contactIds(mailbox)[sourceId], "no contact of \(sourceId) in \(mailbox)")
        return try await control.contactPhoto(mailbox: mailbox, contactId: id)
    }

    /// Sets a user's photo in the simulated directory (nil removes it).
    func setPhoto(_ userId: String, _ photo: SimPhoto?) async throws {
        try await control.setUserPhoto(tenantId: tenant, userId, photo)
    }

    /// Photo requests logged since the last clear (inside `$batch` or not).
    func photoRequests(method: String? = nil, bytes: Bool? = nil) async -> [RequestLogEntry] {
        await control.requestLog().filter { entry in
            entry.endpoint.hasSuffix(".photo") && (method == nil || entry.method == method)
                && (bytes == nil || entry.target.hasSuffix("/$value") == bytes)
        }
    }

    /// True when no contact made by a person, in any mailbox, has a photo.
    func handMadeHaveNoPhotos() async throws -> Bool {
        for (mailbox, contacts) in handMade {
            for id in contacts.keys where try await control.contactPhoto(mailbox: mailbox, contactId: id) != nil {
                return false
            }
        }
        return true
    }

    /// Photo records the job keeps in the state database.
    func photoRecordCount() throws -> Int {
        let store = try StateStore(directory: deployment.directory.appending("state"), logger: Self.quietLogger)
        return try store.photoRecordCount(scope: "job:pc")
    }
}

extension JobReport {
    /// Every action of every target that is about a photo.
    var photoActions: [ActionReport] { targets.flatMap(\.actions).filter { $0.changes["photo"] != nil } }
}
