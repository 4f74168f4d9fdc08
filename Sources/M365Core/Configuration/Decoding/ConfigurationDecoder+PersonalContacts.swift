extension ConfigurationDecoder {
    /// `target` and `safety` of a `personalContacts` job.
    static func decodePersonalContacts(
        _ job: ObjectReader,
        source: SourceSelection?,
        tenants: TenantChecker
    )
        -> JobSpec?
    {
        let safety = decodeSafety(job.object("safety"), defaults: PersonalContactsJobSpec.defaultSafety)
        guard let object = job.object("target") else {
            if !job.contains("target") {
                job.reportMissing(
                    "target",
                    "the mailboxes to write to: \"mailboxes\", \"mailboxGroups\" or \"allLicensedUsers\""
                )
            }
            return nil
        }
        let context = object.context
        let sourceTenant = source?.tenant ?? ""
        let tenant = object.string("tenant") ?? sourceTenant
        if object.contains("tenant") { tenants.check(tenant, at: object.path("tenant")) }
        let defaults = PersonalContactsTarget(tenant: tenant)
        let issuesBefore = context.issues.count
        let mailboxes = object.strings("mailboxes") ?? []
        let mailboxGroups = object.strings("mailboxGroups") ?? []
        let allLicensedUsers = object.bool("allLicensedUsers", default: false)
        if mailboxes.isEmpty, mailboxGroups.isEmpty, !allLicensedUsers, context.issues.count == issuesBefore {
            context.error(
                object.path,
                "no target mailboxes: set \"mailboxes\", \"mailboxGroups\" or \"allLicensedUsers\": true"
            )
        }
        let folder = object.string("folder", check: checkFolder)
        let adoption = object.object("adoptO365Synchronizer").map(decodeAdoption)
        let target = PersonalContactsTarget(
            tenant: tenant,
            mailboxes: mailboxes,
            mailboxGroups: mailboxGroups,
            allLicensedUsers: allLicensedUsers,
            excludeMailboxes: object.strings("excludeMailboxes") ?? [],
            folder: folder,
            adoptFolder: object.bool("adoptFolder", default: defaults.adoptFolder),
            fields: decodeFields(object.object("fields"), known: PersonalContactsTarget.knownFields),
            categories: object.strings("categories"),
            adoptO365Synchronizer: adoption,
            skipAdd: object.bool("skipAdd", default: false),
            skipUpdate: object.bool("skipUpdate", default: false),
            skipRemove: object.bool("skipRemove", default: false),
            maxConcurrentMailboxes: object.int(
                "maxConcurrentMailboxes",
                default: defaults.maxConcurrentMailboxes,
                in: 1...500
            ),
            photos: object.bool("photos", default: defaults.photos),
            photoRefreshInterval: object.duration("photoRefreshInterval", default: defaults.photoRefreshInterval)
        )
        object.finish()
        guard let source else { return nil }
        return .personalContacts(PersonalContactsJobSpec(source: source, target: target, safety: safety))
    }
}

extension ConfigurationDecoder {
    /// A folder name, or nested names separated by '/', none of them blank.
    static func checkFolder(_ folder: String) -> String? {
        folder.split(separator: "/", omittingEmptySubsequences: false).contains { $0.allSatisfy(\.isWhitespace) }
            ? "expected a folder name, with '/' between nested folders (\"A/B\"), found \(ConfigExcerpt.quoted(folder))"
            : nil
    }

    /// `adoptO365Synchronizer`: the prefix O365Synchronizer wrote before the GUID in `fileAs`.
    static func decodeAdoption(_ object: ObjectReader) -> O365SynchronizerAdoption {
        let adoption = O365SynchronizerAdoption(
            guidPrefix: object.string("guidPrefix", default: O365SynchronizerAdoption().guidPrefix) { prefix in
                SyncText.normalize(prefix) == nil
                    ? "expected the prefix O365Synchronizer wrote before the GUID in fileAs, such as "
                        + "\"O365Synchronizer\"; an empty prefix would match nothing" : nil
            }
        )
        object.finish()
        return adoption
    }
}
