import M365Core
import M365Primitives
import Testing

@Suite struct MailContactMappingTests {
    static let ann = SyncFixtures.person(
        "u1",
        [
            "displayName": "Ann Lee", "givenName": "Ann", "surname": "Lee", "mail": "ann.lee@contoso.com",
            "mailNickname": "ann.lee", "businessPhones": ["+47 1", "+47 2"], "mobilePhone": "+47 9",
            "companyName": "Contoso", "department": "Sales", "jobTitle": "Rep", "officeLocation": "Oslo HQ",
            "streetAddress": "Main 1", "city": "Oslo", "state": "Oslo", "postalCode": "0150", "country": "Norway",
        ]
    )

    @Test func firstSyncWritesEveryFieldUnderItsExchangeName() {
        var harness = MailHarness(
            target: MailContactsTarget(tenant: "fabrikam", domains: ["contoso.com"], displayNameSuffix: " (Contoso)")
        )
        let plan = harness.sync([Self.ann])
        #expect(harness.exchange.errors.isEmpty)
        let add = plan.adds[0]
        #expect(
            add.newMailContact == [
                "Name": "Ann Lee", "DisplayName": "Ann Lee (Contoso)", "ExternalEmailAddress": "ann.lee@contoso.com",
                "Alias": "ann.lee", "FirstName": "Ann", "LastName": "Lee",
            ]
        )
        #expect(add.setMailContact == ["CustomAttribute15": "m365sync:a2b:u1"])
        #expect(
            add.setContact == [
                "Title": "Rep", "Company": "Contoso", "Department": "Sales", "Office": "Oslo HQ", "Phone": "+47 1",
                "MobilePhone": "+47 9", "StreetAddress": "Main 1", "City": "Oslo", "StateOrProvince": "Oslo",
                "PostalCode": "0150", "CountryOrRegion": "NO",
            ]
        )
        let stored = harness.contact("ann.lee@contoso.com")!
        #expect(stored["CountryOrRegion"] == "Norway")
        #expect(stored["Office"] == "Oslo HQ")
        #expect(stored["StateOrProvince"] == "Oslo")
        let again = harness.plan([Self.ann])
        #expect(again.isEmpty, "friendly country names and SMTP: prefixes must not cause updates")
        #expect(again.unchanged == 1)
    }

    @Test func changesAndClearsOnlyWhatDiffers() {
        var harness = MailHarness()
        harness.sync([Self.ann])
        var changed = Self.ann
        changed.officeLocation = "Bergen"
        changed.state = nil
        changed.country = "SE"
        changed.businessPhones = []
        let plan = harness.plan([changed])
        #expect(plan.updates.count == 1)
        #expect(plan.updates[0].setMailContact.isEmpty)
        #expect(
            plan.updates[0].setContact == [
                "Office": "Bergen", "StateOrProvince": .null, "CountryOrRegion": "SE", "Phone": .null,
            ]
        )
        #expect(plan.updates[0].changes["countryOrRegion"] == ValueChange(old: "Norway", new: "SE"))
        harness.exchange.apply(plan)
        #expect(harness.exchange.errors.isEmpty)
        #expect(harness.plan([changed]).isEmpty)
    }

    @Test func renamedPersonGetsNewNameDisplayNameAndAddress() {
        var harness = MailHarness()
        harness.sync([Self.ann])
        var raw = Self.ann.raw
        raw["displayName"] = "Ann Berg"
        raw["mail"] = "ann.berg@contoso.com"
        let renamed = SourcePerson(user: raw)!
        let update = harness.plan([renamed]).updates[0]
        #expect(
            update.setMailContact == [
                "Name": "Ann Berg", "DisplayName": "Ann Berg", "ExternalEmailAddress": "ann.berg@contoso.com",
            ]
        )
        harness.sync([renamed])
        #expect(harness.plan([renamed]).isEmpty)
    }

    @Test func fieldSelectionAndHiddenFlag() {
        let target = MailContactsTarget(
            tenant: "fabrikam",
            domains: ["contoso.com"],
            hiddenFromAddressLists: true,
            fields: FieldSelection(exclude: ["phone", "mobilePhone", "firstName"])
        )
        var harness = MailHarness(target: target)
        let add = harness.sync([Self.ann]).adds[0]
        #expect(add.setMailContact["HiddenFromAddressListsEnabled"] == true)
        #expect(add.setContact["Phone"] == nil && add.setContact["MobilePhone"] == nil)
        #expect(add.newMailContact["FirstName"] == nil)
        #expect(harness.plan([Self.ann]).isEmpty)
    }

    @Test func anUnrecognisedCountryIsNeitherWrittenNorCompared() {
        var atlantis = Self.ann
        atlantis.country = "Atlantis"
        var harness = MailHarness()
        let add = harness.sync([atlantis]).adds[0]
        #expect(add.setContact["CountryOrRegion"] == nil)
        #expect(add.setContact["City"] == "Oslo", "the other fields are still written")
        #expect(harness.plan([atlantis]).isEmpty, "and it causes no update later")
        #expect(harness.plan([Self.ann]).updates.first?.changes["countryOrRegion"]?.new == "NO")
    }

    @Test func countryCodesAndNamesAreEquivalent() {
        #expect(CountryCodes.equivalent("United States", "US"))
        #expect(CountryCodes.equivalent("usa", "United States"))
        #expect(CountryCodes.equivalent("United Kingdom", "GB"))
        #expect(!CountryCodes.equivalent("Norway", "Sweden"))
        #expect(CountryCodes.equivalent("Atlantis", "atlantis"))
        #expect(CountryCodes.code(for: " germany ") == "DE")
        #expect(CountryCodes.parameterValue(for: "Atlantis") == "Atlantis")
        #expect(CountryCodes.name(for: "no") == "Norway")
    }

    @Test func nameFormatAliasAndLengths() {
        let person = SyncFixtures.person(
            "u1",
            [
                "displayName": .string(String(repeating: "x", count: 80)), "givenName": "Åse", "surname": "Ødegård",
                "mailNickname": "åse .ø..x y",
            ]
        )
        let target = MailContactsTarget(tenant: "f", nameFormat: "{givenName} {surname} ({department})")
        let desired = MailContactMapper(target: target).desired(for: person)!
        #expect(desired.nameBase == "Åse Ødegård ()")
        #expect(MailContactMapper.render("{mail}|{missing}|{id}", person: person) == "u1@contoso.com||u1")
        #expect(desired.aliasBase == "se.xy")
        #expect(MailContactMapper.alias(from: "...") == "contact")
        let long = MailContactMapper(target: MailContactsTarget(tenant: "f")).desired(for: person)!
        #expect(long.nameBase.count == 64)
    }

    @Test func fieldParametersAndCmdlets() {
        #expect(MailContactField.office.parameter == "Office")
        #expect(MailContactField.stateOrProvince.parameter == "StateOrProvince")
        #expect(MailContactField.countryOrRegion.parameter == "CountryOrRegion")
        #expect(MailContactField.hiddenFromAddressLists.parameter == "HiddenFromAddressListsEnabled")
        #expect(MailContactField.displayName.cmdlet == .setMailContact)
        #expect(MailContactField.title.cmdlet == .setContact)
    }
}
