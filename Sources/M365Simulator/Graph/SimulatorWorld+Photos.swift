import HTTPTypes
import M365Primitives

/// Graph's answers about profile photos (`profilePhoto`): users' photos and Outlook contacts' photos.
extension GraphError {
    /// A user or contact without a photo.
    static let imageNotFound = GraphError(
        status: 404,
        code: "ImageNotFound",
        message: "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown."
    )

    /// DELETE of a contact's photo: Graph supports it for users and groups only.
    static let photoDeleteUnsupported = GraphError(
        status: 405,
        code: "ErrorInvalidRequest",
        message: "The OData request is not supported."
    )

    static let photoTooLarge = GraphError(
        status: 413,
        code: "RequestEntityTooLarge",
        message: "The photo exceeds the maximum size of 4 MB."
    )
}

extension GraphContext {
    /// The photo's bytes, as `$value` answers.
    func photoBytes(_ photo: SimPhoto) -> SimResponse {
        SimResponse(
            status: 200,
            headers: [.contentType: photo.contentType, .eTag: photo.etag] + idHeaders,
            body: photo.bytes
        )
    }

    /// The photo's metadata (`GET …/photo`).
    func photoMetadata(_ photo: SimPhoto, entity: String) -> SimResponse {
        ok(
            200,
            [
                "@odata.context": .string("\(base)/v1.0/$metadata#\(entity)/photo/$entity"),
                "@odata.mediaContentType": .string(photo.contentType),
                "@odata.mediaEtag": .string(photo.etag),
                "id": .string("\(photo.width)X\(photo.height)"),
                "height": .number(Double(photo.height)),
                "width": .number(Double(photo.width)),
            ]
        )
    }
}

extension SimulatorWorld {
    /// `GET /users/{id|upn}/photo` and `…/photo/$value`.
    func serveUserPhoto(_ s: [String], tenant: Int, context: GraphContext) throws(GraphError) -> SimResponse {
        guard
            context.hasRole(
                "ProfilePhoto.Read.All",
                "ProfilePhoto.ReadWrite.All",
                "User.Read.All",
                "User.ReadWrite.All",
                "Directory.Read.All"
            )
        else { throw .directoryDenied }
        let value = s.count == 4 && s[3] == "$value"
        guard s.count == 3 || value else { throw .notFoundRoute(s.last ?? "") }
        guard context.request.method == "GET" else { throw .methodNotAllowed() }
        guard let user = tenants[tenant].activeUser(s[1]) else { throw .directoryNotFound(s[1]) }
        guard let photo = user.photo else { throw .imageNotFound }
        return value ? context.photoBytes(photo) : context.photoMetadata(photo, entity: "users('\(s[1])')")
    }

    /// `…/contacts/{id}/photo[/$value]`: GET, PUT or PATCH of the bytes; DELETE is refused as Graph does.
    mutating func serveContactPhoto(
        _ target: MailboxTarget,
        id: String,
        folder: UInt32?,
        rest: ArraySlice<String>,
        context: GraphContext
    ) throws(GraphError) -> SimResponse {
        let value = rest.count == 2 && rest.last == "$value"
        guard rest.count == 1 || value else { throw .notFoundRoute(rest.last ?? "") }
        var mailbox = tenants[target.tenant].mailboxes.removeValue(forKey: target.ownerId)!
        defer { tenants[target.tenant].mailboxes[target.ownerId] = mailbox }
        let index = try mailbox.contactIndex(id, folder: folder)
        let seq = mailbox.contacts[index].seq
        switch context.request.method {
        case "GET":
            guard let photo = mailbox.photos[seq] else { throw .imageNotFound }
            return value
                ? context.photoBytes(photo) : context.photoMetadata(photo, entity: "users('\(target.key)')/contacts")
        case "PUT", "PATCH":
            guard value else { throw .methodNotAllowed() }
            let type = context.request.header("content-type")?.lowercased() ?? ""
            guard type.hasPrefix("image/") else {
                throw GraphError(status: 415, code: "UnsupportedMediaType", message: "The photo must be an image.")
            }
            let body = context.request.body
            guard !body.isEmpty else { throw .badRequest("The photo is empty.", code: "ErrorInvalidRequest") }
            guard body.count <= SimPhoto.maxUploadBytes else { throw .photoTooLarge }
            mailbox.photos[seq] = SimPhoto(bytes: body, contentType: type)
            mailbox.contacts[index].modified = Int64(context.now)
            mailbox.contacts[index].changeSeq = mailbox.nextChange()
            return SimResponse(status: 200, headers: context.idHeaders)
        case "DELETE": throw .photoDeleteUnsupported
        default: throw .methodNotAllowed()
        }
    }
}
