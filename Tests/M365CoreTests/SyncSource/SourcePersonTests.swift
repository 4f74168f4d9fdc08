import M365Core
import M365Primitives
import Testing

@Suite struct SourcePersonTests {
    @Test func userFromGraphFixtureReadsDefaultProperties() {
        let object = SyncFixtures.object(
            """
            {"businessPhones": ["425-555-0100"], "displayName": "MOD Administrator", "givenName": "MOD",
             "jobTitle": null, "mail": null, "mobilePhone": "425-555-0101", "officeLocation": null,
             "preferredLanguage": "en-US", "surname": "Administrator", "userPrincipalName": "admin@contoso.com",
             "id": "4562bcc8-c436-4f95-b7c0-4f8ce89dca5e", "otherMails": ["mod@example.org"],
             "manager": {"id": "m1", "displayName": "  Big   Boss "}}
            """
        )
        let person = SourcePerson(user: object)!
        #expect(person.kind == .user)
        #expect(person.id == "4562bcc8-c436-4f95-b7c0-4f8ce89dca5e")
        #expect(person.email == "mod@example.org")
        #expect(person.businessPhones == ["425-555-0100"])
        #expect(person.mobilePhone == "425-555-0101")
        #expect(person.jobTitle == nil)
        #expect(person.managerDisplayName == "Big Boss")
        #expect(person.managerId == "m1")
        #expect(person.raw["preferredLanguage"] == .string("en-US"))
    }

    @Test func mailWinsOverOtherMails() {
        let person = SyncFixtures.person("a", ["mail": "a@x.com", "otherMails": ["b@y.com"]])
        #expect(person.email == "a@x.com")
    }

    @Test func userWithoutIdIsRejected() {
        #expect(SourcePerson(user: ["displayName": "No id"]) == nil)
        #expect(SourcePerson(orgContact: ["id": ""]) == nil)
    }

    @Test func memberTypeFollowsUserTypeThenExtUpn() {
        #expect(SyncFixtures.person("a").memberType == .member)
        #expect(SyncFixtures.person("a", ["userType": "Guest"]).memberType == .guest)
        let extMember = SyncFixtures.person("a", ["userPrincipalName": "x_fabrikam.com#EXT#@contoso.com"])
        #expect(extMember.memberType == .member)
        #expect(extMember.isExternal)
        let extUnknown = SyncFixtures.person("a", ["userType": .null, "userPrincipalName": "x#EXT#@contoso.com"])
        #expect(extUnknown.memberType == .guest)
        #expect(!SyncFixtures.person("a").isExternal)
    }

    @Test func orgContactUsesTypedPhonesAndFirstAddress() {
        let object = SyncFixtures.object(
            """
            {"id": "oc1", "companyName": "Contoso", "department": "Marketing", "displayName": "Eric S",
             "givenName": "Eric", "jobTitle": "Accountant", "mail": null, "mailNickname": "erics",
             "surname": "Solomon", "proxyAddresses": ["smtp:alt@contoso.com", "SMTP:erics@contoso.com"],
             "addresses": [{"city": "MyCity", "countryOrRegion": "United States", "officeLocation": "Bldg 1",
                            "postalCode": "98000", "state": "WA", "street": "Contoso Way"},
                           {"city": "Other"}],
             "phones": [{"number": "111-1111", "type": "businessFax"}, {"number": "222", "type": "business"},
                        {"number": "333", "type": "mobile"}, {"number": "444", "type": "home"},
                        {"number": "555", "type": "business"}]}
            """
        )
        let person = SourcePerson(orgContact: object)!
        #expect(person.kind == .orgContact)
        #expect(person.memberType == .contact)
        #expect(person.email == "erics@contoso.com")
        #expect(person.businessPhones == ["222", "555"])
        #expect(person.mobilePhone == "333")
        #expect(person.homePhones == ["444"])
        #expect(person.city == "MyCity")
        #expect(person.country == "United States")
        #expect(person.officeLocation == "Bldg 1")
        #expect(person.streetAddress == "Contoso Way")
        #expect(!person.isExternal)
    }

    @Test func selectListsCoverWhatTheMappersRead() {
        for name in ["otherMails", "userType", "accountEnabled", "assignedLicenses", "showInAddressList", "country"] {
            #expect(SourcePerson.userSelect.contains(name))
        }
        #expect(SourcePerson.orgContactSelect.contains("phones"))
        #expect(SourcePerson.orgContactSelect.contains("addresses"))
        #expect(SourcePerson.userExpand.hasPrefix("manager("))
    }

    @Test func emailDomainIsLowercased() {
        #expect(SyncFixtures.person("a", ["mail": "A@Contoso.COM"]).emailDomain == "contoso.com")
        #expect(SyncFixtures.person("a", ["mail": .null]).emailDomain == nil)
    }

    @Test func aPersonKeepingTheDeltaTextShowsItsManagerAnnotationAsTheManagerItNames() throws {
        let text = JSONValue.object([
            "id": "u1", "displayName": "Ann", "department": "Sales",
            "manager@delta": [["@odata.type": "#microsoft.graph.user", "id": "m1"]],
        ]).canonicalText
        let object = try #require(JSONValue(canonicalText: text)?.objectValue)
        var resolved = object
        resolved["manager@delta"] = nil
        resolved["manager"] = ["id": "m1", "displayName": "Big Boss"]
        let person = try #require(SourcePerson(user: resolved, rawText: text))
        #expect(person.rawText == text)
        #expect(person.managerId == "m1" && person.managerDisplayName == "Big Boss")
        #expect(
            person.raw == [
                "id": "u1", "displayName": "Ann", "department": "Sales",
                "manager": ["id": "m1", "displayName": "Big Boss"],
            ]
        )
        var managerless = resolved
        managerless["manager"] = nil
        let alone = try #require(SourcePerson(user: managerless, rawText: text))
        #expect(alone.raw["manager"] == nil && alone.raw["manager@delta"] == nil)
    }
}
