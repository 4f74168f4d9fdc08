import M365Core
import Testing

@Suite struct JobDefinitionErrorTests {
    @Test func kindIsRequiredAndChecked() {
        let missing = decodeJob(#"{"source": {"tenant": "contoso"}, "target": {}}"#)
        #expect(
            error(at: ".kind", in: missing.issues)?.message
                == "missing required key \"kind\" (one of \"personalContacts\" or \"mailContacts\")"
        )
        #expect(missing.issues.count == 1, "target keys of an unknown kind are not reported: \(missing.issues)")
        let typo = decodeJob(#"{"kind": "personalContact", "source": {"tenant": "contoso"}}"#)
        #expect(
            error(at: ".kind", in: typo.issues)?.message
                == "expected one of \"personalContacts\" or \"mailContacts\", found \"personalContact\"; did you mean \"personalContacts\"?"
        )
    }

    @Test func durationsAreCheckedWithTheirRules() {
        let result = decodeJob(
            #"{"kind": "personalContacts", "schedule": {"interval": "90", "jitter": 5, "runOnStart": "no"}, "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#
        )
        #expect(
            error(at: ".schedule.interval", in: result.issues)?.message
                == "expected a duration such as \"45s\", \"15m\", \"1h30m\" or \"2d\" (whole numbers with units d, h, m, s, largest first), found \"90\" (add a unit: d, h, m or s)"
        )
        #expect(error(at: ".schedule.jitter", in: result.issues)?.message.hasSuffix("found a number") == true)
        #expect(
            error(at: ".schedule.runOnStart", in: result.issues)?.message == "expected true or false, found a string"
        )
        #expect(result.definition == nil)
    }

    @Test(arguments: ["1h30", "1.5h", "30m1h", "15 m", ""])
    func badDurationTextIsRejected(text: String) {
        let result = decodeJob(
            #"{"kind": "personalContacts", "schedule": {"interval": "\#(text)"}, "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#
        )
        #expect(error(at: ".schedule.interval", in: result.issues) != nil)
    }

    @Test func intervalAtLeastOneMinuteAndJitterShorter() {
        let short = decodeJob(
            #"{"kind": "personalContacts", "schedule": {"interval": "45s"}, "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#
        )
        #expect(error(at: ".schedule.interval", in: short.issues)?.message == "must be at least 1m, found \"45s\"")
        let jitter = decodeJob(
            #"{"kind": "personalContacts", "schedule": {"interval": "15m", "jitter": "15m"}, "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#
        )
        #expect(
            error(at: ".schedule.jitter", in: jitter.issues)?.message
                == "must be shorter than the interval (15m), found 15m"
        )
    }

    @Test func fullSyncIntervalDefaultsToADayIsAtLeastAnHourAndWarnsWhenNotLongerThanTheSchedule() {
        let base = #""source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}"#
        let plain = decodeJob(#"{"kind": "personalContacts", \#(base)}"#)
        #expect(plain.definition?.fullSyncInterval == .seconds(86_400))
        let weekly = decodeJob(#"{"kind": "personalContacts", "fullSyncInterval": "7d", \#(base)}"#)
        #expect(weekly.definition?.fullSyncInterval == .seconds(7 * 86_400))
        #expect(weekly.issues.isEmpty)
        let short = decodeJob(#"{"kind": "personalContacts", "fullSyncInterval": "30m", \#(base)}"#)
        #expect(error(at: ".fullSyncInterval", in: short.issues)?.message == "must be at least 1h, found \"30m\"")
        let everyRun = decodeJob(
            #"{"kind": "personalContacts", "schedule": {"interval": "2h"}, "fullSyncInterval": "1h", \#(base)}"#
        )
        #expect(everyRun.definition?.fullSyncInterval == .seconds(3_600), "a warning, not an error")
        let warning = everyRun.issues.first { $0.path == ".fullSyncInterval" }
        #expect(warning?.severity == .warning)
        #expect(warning?.message.contains("every run reads the source and every target in full") == true)
    }

    @Test func undefinedTenantsAreNamedWithASuggestion() {
        let result = decodeJob(
            #"{"kind": "mailContacts", "source": {"tenant": "contosso"}, "target": {"tenant": "northwind"}}"#
        )
        #expect(
            error(at: ".source.tenant", in: result.issues)?.message
                == "undefined tenant \"contosso\"; did you mean \"contoso\"?"
        )
        #expect(
            error(at: ".target.tenant", in: result.issues)?.message
                == "undefined tenant \"northwind\"; m365sync.json defines \"contoso\" or \"fabrikam\""
        )
        let personal = decodeJob(
            #"{"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "x", "allLicensedUsers": true}}"#
        )
        #expect(error(at: ".target.tenant", in: personal.issues) != nil)
        let unknownTenants = decodeJob(
            #"{"kind": "mailContacts", "source": {"tenant": "contosso"}, "target": {"tenant": "n"}}"#,
            tenants: nil
        )
        #expect(unknownTenants.issues.isEmpty, "tenants are not checked when m365sync.json could not be read")
    }

    @Test func wrongElementTypeNamesItsIndex() {
        let result = decodeJob(
            #"{"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"mailboxes": ["a@x.com", "b@x.com", 3, ""]}}"#
        )
        #expect(error(at: ".target.mailboxes[2]", in: result.issues)?.message == "expected a string, found a number")
        #expect(error(at: ".target.mailboxes[3]", in: result.issues)?.message == "must not be empty")
        #expect(
            result.issues.first?.description
                == "jobs.d/sales.json: .target.mailboxes[2]: expected a string, found a number"
        )
    }

    @Test func photoKeysNameTheirExpectation() {
        let result = decodeJob(
            """
            {"kind": "personalContacts", "source": {"tenant": "contoso"},
             "target": {"allLicensedUsers": true, "photos": "yes", "photoRefreshInterval": "24"}}
            """
        )
        #expect(error(at: ".target.photos", in: result.issues)?.message == "expected true or false, found a string")
        #expect(
            error(at: ".target.photoRefreshInterval", in: result.issues)?.message.hasPrefix(
                "expected a duration such as \"45s\""
            ) == true
        )
        #expect(
            error(at: ".target.photoRefreshInterval", in: result.issues)?.message.hasSuffix(
                "(add a unit: d, h, m or s)"
            ) == true
        )
    }

    @Test func personalContactsTargetRules() {
        let result = decodeJob(
            """
            {"kind": "personalContacts", "source": {"tenant": "contoso"},
             "target": {"folder": "A//B", "maxConcurrentMailboxes": 501, "fields": {"include": [], "exclude": ["homePhone", "photo"]},
                        "adoptO365Synchronizer": {"guidprefix": "X"}, "categories": "Directory"},
             "safety": {"maxRemove": -1, "maxRemovePercent": 101}}
            """
        )
        #expect(error(at: ".target.folder", in: result.issues)?.message.hasPrefix("expected a folder name") == true)
        #expect(
            error(at: ".target.maxConcurrentMailboxes", in: result.issues)?.message
                == "expected an integer from 1 to 500, found 501"
        )
        #expect(
            error(at: ".target.fields.include", in: result.issues)?.message.hasPrefix("must name at least one field")
                == true
        )
        #expect(
            error(at: ".target.fields.exclude[0]", in: result.issues)?.message
                == "unknown field \"homePhone\"; did you mean \"homePhones\"?"
        )
        #expect(
            error(at: ".target.fields.exclude[1]", in: result.issues)?.message.hasPrefix(
                "unknown field \"photo\"; known fields: displayName"
            ) == true
        )
        #expect(
            error(at: ".target.adoptO365Synchronizer.guidprefix", in: result.issues)?.message.contains(
                "did you mean \"guidPrefix\""
            ) == true
        )
        #expect(
            error(at: ".target.categories", in: result.issues)?.message
                == "expected an array of strings, found a string"
        )
        #expect(
            error(at: ".safety.maxRemove", in: result.issues)?.message == "expected an integer of at least 0, found -1"
        )
        #expect(
            error(at: ".safety.maxRemovePercent", in: result.issues)?.message
                == "expected a number from 0 to 100, found 101"
        )
    }

    @Test func anEmptyGuidPrefixIsRejected() {
        let result = decodeJob(
            #"{"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true, "adoptO365Synchronizer": {"guidPrefix": " "}}}"#
        )
        #expect(
            error(at: ".target.adoptO365Synchronizer.guidPrefix", in: result.issues)?.message.contains(
                "an empty prefix would match nothing"
            ) == true
        )
        #expect(result.definition == nil)
    }

    @Test func personalContactsNeedTargetMailboxes() {
        let result = decodeJob(
            #"{"kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": false}}"#
        )
        #expect(error(at: ".target", in: result.issues)?.message.hasPrefix("no target mailboxes") == true)
        let noTarget = decodeJob(#"{"kind": "personalContacts", "source": {"tenant": "contoso"}}"#)
        #expect(error(at: ".target", in: noTarget.issues)?.message.hasPrefix("missing required key \"target\"") == true)
        let noSource = decodeJob(#"{"kind": "personalContacts", "target": {"allLicensedUsers": true}}"#)
        #expect(error(at: ".source", in: noSource.issues)?.message.hasPrefix("missing required key \"source\"") == true)
    }

    @Test func mailContactsTargetRules() {
        let result = decodeJob(
            """
            {"kind": "mailContacts", "source": {"tenant": "contoso"},
             "target": {"domains": [], "ownership": "domains", "markerAttribute": "CustomAttribute16",
                        "nameFormat": "{display Name", "displayNameSuffix": 1, "fields": {"include": ["jobTitle"]}}}
            """
        )
        #expect(
            error(at: ".target.tenant", in: result.issues)?.message.hasPrefix("missing required key \"tenant\"") == true
        )
        #expect(
            error(at: ".target.domains", in: result.issues)?.message
                == "must not be an empty array; leave the key out instead"
        )
        #expect(
            error(at: ".target.ownership", in: result.issues)?.message.hasSuffix("did you mean \"domain\"?") == true
        )
        #expect(
            error(at: ".target.markerAttribute", in: result.issues)?.message.hasPrefix(
                "expected one of \"CustomAttribute1\""
            ) == true
        )
        #expect(error(at: ".target.nameFormat", in: result.issues)?.message.hasPrefix("unbalanced braces") == true)
        #expect(
            error(at: ".target.displayNameSuffix", in: result.issues)?.message == "expected a string, found a number"
        )
        #expect(
            error(at: ".target.fields.include[0]", in: result.issues)?.message.hasPrefix("unknown field \"jobTitle\"")
                == true
        )
        let constant = decodeJob(
            #"{"kind": "mailContacts", "source": {"tenant": "contoso"}, "target": {"tenant": "fabrikam", "nameFormat": "Contact", "domains": ["not a domain"]}}"#
        )
        #expect(
            error(at: ".target.nameFormat", in: constant.issues)?.message.hasPrefix(
                "must contain at least one {property}"
            ) == true
        )
        #expect(
            error(at: ".target.domains[0]", in: constant.issues)?.message.hasPrefix("expected a mail domain") == true
        )
    }

    @Test func sourceRules() {
        let result = decodeJob(
            """
            {"kind": "personalContacts", "source": {"tenant": "contoso", "memberTypes": ["member", "guests"], "requireLicense": true,
              "filters": [{"property": "a..b", "operator": "contains", "value": 5, "type": "only"}, {"operator": "equals"}, "x"]},
             "target": {"allLicensedUsers": true}}
            """
        )
        #expect(
            error(at: ".source.memberTypes[1]", in: result.issues)?.message.hasSuffix(
                "found \"guests\"; did you mean \"guest\"?"
            ) == true
        )
        #expect(error(at: ".source.requireLicense", in: result.issues)?.message.contains("did you mean") == true)
        #expect(
            error(at: ".source.filters[0].property", in: result.issues)?.message.hasPrefix("expected a property name")
                == true
        )
        #expect(
            error(at: ".source.filters[0].operator", in: result.issues)?.message
                == "expected one of \"equals\", \"notEquals\", \"like\", \"lessThan\" or \"greaterThan\", found \"contains\""
        )
        #expect(
            error(at: ".source.filters[0].value", in: result.issues)?.message == "expected a string, found a number"
        )
        #expect(
            error(at: ".source.filters[0].type", in: result.issues)?.message.hasPrefix(
                "expected one of \"include\" or \"exclude\""
            ) == true
        )
        #expect(
            error(at: ".source.filters[1].property", in: result.issues)?.message.hasPrefix(
                "missing required key \"property\""
            ) == true
        )
        #expect(
            error(at: ".source.filters[1].value", in: result.issues)?.message.hasPrefix(
                "missing required key \"value\""
            ) == true
        )
        #expect(error(at: ".source.filters[2]", in: result.issues)?.message == "expected an object, found a string")
        let empty = decodeJob(
            #"{"kind": "personalContacts", "source": {"tenant": "contoso", "memberTypes": []}, "target": {"allLicensedUsers": true}}"#
        )
        #expect(error(at: ".source.memberTypes", in: empty.issues) != nil)
    }

    @Test func everyErrorOfAFileInOnePass() {
        let result = decodeJob(
            """
            {"$schema": "../schema/job.schema.json", "kind": "personalContacts", "enabld": false,
             "schedule": {"interval": "15"}, "source": {"tenant": "nope"},
             "target": {"mailboxes": ["a", 2]}, "safety": {"maxRemovePercent": "10%"}}
            """
        )
        #expect(
            result.issues.map(\.path).sorted() == [
                ".enabld", ".safety.maxRemovePercent", ".schedule.interval", ".source.tenant", ".target.mailboxes[1]",
            ]
        )
        #expect(result.issues.allSatisfy { $0.file == "jobs.d/sales.json" && $0.severity == .error })
    }

    @Test func schemaAndCommentKeysMustBeStrings() {
        let result = decodeJob(
            #"{"$schema": 1, "$comment": {"a": 1}, "kind": "personalContacts", "source": {"tenant": "contoso"}, "target": {"allLicensedUsers": true}}"#
        )
        #expect(error(at: ".$schema", in: result.issues)?.message == "expected a string, found a number")
        #expect(
            error(at: ".$comment", in: result.issues)?.message == "expected a string or an array of strings (a comment)"
        )
    }
}
