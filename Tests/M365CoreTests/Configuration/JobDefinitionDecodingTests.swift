import M365Core
import Testing

@Suite struct JobDefinitionDecodingTests {
    @Test func minimalPersonalContactsJobGetsEveryDefault() throws {
        let result = decodeJob(minimalPersonalJob)
        #expect(result.issues.isEmpty)
        let job = try #require(result.definition)
        #expect(job.name == "sales")
        #expect(job.file == "jobs.d/sales.json")
        #expect(job.enabled)
        #expect(!job.dryRun)
        #expect(job.kind == .personalContacts)
        #expect(job.schedule == JobSchedule(interval: .seconds(1_800), jitter: .zero, runOnStart: true))
        let spec = try #require(personalSpec(result))
        #expect(spec.source == SourceSelection(tenant: "contoso"))
        #expect(spec.source.memberTypes == [.member])
        #expect(spec.source.requireAccountEnabled && spec.source.requireAssignedLicense)
        #expect(spec.source.excludeHiddenFromAddressList)
        #expect(spec.target == PersonalContactsTarget(tenant: "contoso", mailboxes: ["alice@contoso.com"]))
        #expect(spec.target.maxConcurrentMailboxes == 4)
        #expect(spec.target.categories == nil)
        #expect(!spec.target.photos)
        #expect(spec.target.photoRefreshInterval == .seconds(86_400))
        #expect(spec.safety == SafetyLimits(maxRemove: 500, maxRemovePercent: 10))
    }

    @Test func nameKeyOverridesTheFileName() {
        let result = decodeJob(
            #"{"name": "directory", "kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#
        )
        #expect(result.definition?.name == "directory")
        #expect(result.nameWasWritten)
        let bad = decodeJob(minimalPersonalJob, file: "jobs.d/has space.json")
        #expect(error(at: "", in: bad.issues)?.message.hasPrefix("invalid job name \"has space\"") == true)
        let badKey = decodeJob(
            #"{"name": "a:b", "kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#
        )
        #expect(error(at: ".name", in: badKey.issues)?.message.hasPrefix("invalid job name \"a:b\"") == true)
    }

    @Test func decodesEverySourceKey() throws {
        let result = decodeJob(
            """
            {"kind": "personalContacts", "enabled": false, "dryRun": true,
             "schedule": {"interval": "1h30m", "jitter": "5m", "runOnStart": false},
             "source": {"tenant": "contoso", "memberTypes": ["member", "guest", "contact"],
               "requireEmailAddress": true, "requireMobilePhone": true, "requireAccountEnabled": false,
               "requireAssignedLicense": false, "excludeHiddenFromAddressList": false,
               "includeGroups": ["g1"], "excludeGroups": ["g2", "g3"],
               "filters": [{"property": "onPremisesExtensionAttributes.extensionAttribute5", "operator": "equals", "value": "Sync", "type": "include"},
                           {"property": "department", "operator": "like", "value": "Sales*", "type": "exclude"},
                           {"property": "employeeId", "operator": "lessThan", "value": ""}],
               "userFilter": "startswith(displayName,'A')"},
             "target": {"mailboxGroups": ["g4"]}}
            """
        )
        let job = try #require(result.definition)
        #expect(!job.enabled)
        #expect(job.dryRun)
        #expect(job.schedule == JobSchedule(interval: .seconds(5_400), jitter: .seconds(300), runOnStart: false))
        let source = try #require(personalSpec(result)?.source)
        #expect(
            source
                == SourceSelection(
                    tenant: "contoso",
                    memberTypes: [.member, .guest, .contact],
                    requireEmailAddress: true,
                    requireMobilePhone: true,
                    requireAccountEnabled: false,
                    requireAssignedLicense: false,
                    excludeHiddenFromAddressList: false,
                    includeGroups: ["g1"],
                    excludeGroups: ["g2", "g3"],
                    filters: [
                        PropertyFilter(
                            property: "onPremisesExtensionAttributes.extensionAttribute5",
                            operator: .equals,
                            value: "Sync",
                            effect: .include
                        ),
                        PropertyFilter(property: "department", operator: .like, value: "Sales*", effect: .exclude),
                        PropertyFilter(property: "employeeId", operator: .lessThan, value: "", effect: .include),
                    ],
                    userFilter: "startswith(displayName,'A')"
                )
        )
    }

    @Test func decodesEveryPersonalContactsTargetKey() throws {
        let result = decodeJob(
            """
            {"kind": "personalContacts", "source": {"tenant": "contoso"},
             "target": {"tenant": "fabrikam", "mailboxes": ["a@x.com"], "mailboxGroups": ["g"], "allLicensedUsers": true,
               "excludeMailboxes": ["ceo@x.com"], "folder": "Company/Directory", "adoptFolder": true,
               "fields": {"include": ["displayName", "mobilePhone"], "exclude": ["homePhones"]},
               "categories": [], "adoptO365Synchronizer": {}, "skipAdd": true, "skipUpdate": true, "skipRemove": true,
               "maxConcurrentMailboxes": 16, "photos": true, "photoRefreshInterval": "6h"},
             "safety": {"maxRemove": 0, "maxRemovePercent": 2.5}}
            """
        )
        let spec = try #require(personalSpec(result))
        #expect(
            spec.target
                == PersonalContactsTarget(
                    tenant: "fabrikam",
                    mailboxes: ["a@x.com"],
                    mailboxGroups: ["g"],
                    allLicensedUsers: true,
                    excludeMailboxes: ["ceo@x.com"],
                    folder: "Company/Directory",
                    adoptFolder: true,
                    fields: FieldSelection(include: ["displayName", "mobilePhone"], exclude: ["homePhones"]),
                    categories: [],
                    adoptO365Synchronizer: O365SynchronizerAdoption(guidPrefix: "O365Synchronizer"),
                    skipAdd: true,
                    skipUpdate: true,
                    skipRemove: true,
                    maxConcurrentMailboxes: 16,
                    photos: true,
                    photoRefreshInterval: .seconds(21_600)
                )
        )
        #expect(spec.safety == SafetyLimits(maxRemove: 0, maxRemovePercent: 2.5))
    }

    @Test func decodesEveryMailContactsKeyAndWarnsAboutDomainOwnership() throws {
        let result = decodeJob(
            """
            {"kind": "mailContacts", "schedule": {"interval": "1h"}, "source": {"tenant": "contoso"},
             "target": {"tenant": "fabrikam", "domains": ["contoso.com"], "ownership": "domain",
               "markerAttribute": "CustomAttribute7", "nameFormat": "{givenName} {surname}", "displayNameSuffix": " (Contoso)",
               "ensureUniqueDisplayName": true, "hiddenFromAddressLists": true, "skipAdd": true, "skipUpdate": true,
               "skipRemove": true, "fields": {"exclude": ["manager", "hiddenFromAddressLists"]}}}
            """
        )
        let spec = try #require(mailSpec(result))
        #expect(
            spec.target
                == MailContactsTarget(
                    tenant: "fabrikam",
                    domains: ["contoso.com"],
                    ownership: .domain,
                    markerAttribute: "CustomAttribute7",
                    nameFormat: "{givenName} {surname}",
                    displayNameSuffix: " (Contoso)",
                    ensureUniqueDisplayName: true,
                    hiddenFromAddressLists: true,
                    skipAdd: true,
                    skipUpdate: true,
                    skipRemove: true,
                    fields: FieldSelection(exclude: ["manager", "hiddenFromAddressLists"])
                )
        )
        #expect(spec.safety == SafetyLimits(maxRemove: 100, maxRemovePercent: 10))
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.severity == .warning)
        #expect(result.issues.first?.path == ".target.ownership")
        #expect(result.issues.first?.description.contains("warning:") == true)
    }

    @Test func mailContactsWarnsWhenCopyingOrgContacts() throws {
        let result = decodeJob(
            """
            {"kind": "mailContacts", "source": {"tenant": "contoso", "memberTypes": ["member", "contact"]},
             "target": {"tenant": "fabrikam"}}
            """
        )
        #expect(try #require(mailSpec(result)).target.tenant == "fabrikam")
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.severity == .warning)
        #expect(result.issues.first?.path == ".source.memberTypes")
        #expect(result.issues.first?.description.contains("loop back") == true)
    }

    @Test func mailContactsDefaults() throws {
        let result = decodeJob(
            #"{"kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "fabrikam"}}"#
        )
        let spec = try #require(mailSpec(result))
        #expect(spec.target == MailContactsTarget(tenant: "fabrikam"))
        #expect(spec.target.markerAttribute == "CustomAttribute15")
        #expect(spec.target.nameFormat == "{displayName}")
        #expect(spec.target.domains == nil)
        #expect(spec.target.ownership == .marker)
    }
}
