import M365Core
import M365Primitives
import Testing

@Suite struct PersonalContactMapperTests {
    let person = SyncFixtures.person(
        "u1",
        [
            "displayName": "Ann Lee", "givenName": "Ann", "surname": "Lee", "mailNickname": "ann",
            "mail": "ann@contoso.com", "businessPhones": ["+1 100", "+1 101"], "mobilePhone": "+1 200",
            "companyName": "Contoso", "department": "Sales", "jobTitle": "Rep", "officeLocation": "B1",
            "streetAddress": "Main 1", "city": "Oslo", "state": "Oslo", "postalCode": "0150", "country": "Norway",
            "manager": ["id": "m1", "displayName": "Bo Boss"],
        ]
    )

    @Test func mapsEveryUserField() {
        let desired = PersonalContactMapper().desired(for: person)
        #expect(desired.values[.displayName] == .text("Ann Lee"))
        #expect(desired.values[.givenName] == .text("Ann"))
        #expect(desired.values[.surname] == .text("Lee"))
        #expect(desired.values[.nickName] == .text("ann"))
        #expect(desired.values[.emailAddresses] == .emails([ContactEmail(name: "Ann Lee", address: "ann@contoso.com")]))
        #expect(desired.values[.businessPhones] == .phones(["+1 100", "+1 101"]))
        #expect(desired.values[.mobilePhone] == .text("+1 200"))
        #expect(desired.values[.homePhones] == nil, "users have no home phone in Graph: left untouched")
        #expect(desired.values[.companyName] == .text("Contoso"))
        #expect(desired.values[.department] == .text("Sales"))
        #expect(desired.values[.jobTitle] == .text("Rep"))
        #expect(desired.values[.officeLocation] == .text("B1"))
        #expect(desired.values[.manager] == .text("Bo Boss"))
        let address = ContactAddress(
            street: "Main 1",
            city: "Oslo",
            state: "Oslo",
            postalCode: "0150",
            countryOrRegion: "Norway"
        )
        #expect(desired.values[.businessAddress] == .address(address))
        #expect(desired.values[.categories] == nil)
        #expect(desired.sourceId == "u1")
        #expect(desired.email == "ann@contoso.com")
    }

    @Test func orgContactHomePhonesAreMapped() {
        let contact = SourcePerson(
            orgContact: ["id": "oc", "displayName": "Org", "phones": [["type": "home", "number": "9"]]]
        )!
        #expect(PersonalContactMapper().desired(for: contact).values[.homePhones] == .phones(["9"]))
    }

    @Test func fieldSelectionNarrowsTheWrittenFields() {
        let excluding = PersonalContactMapper(fields: FieldSelection(exclude: ["homePhones", "manager"]))
        #expect(!excluding.writtenFields.contains(.homePhones))
        #expect(!excluding.writtenFields.contains(.manager))
        #expect(excluding.writtenFields.contains(.jobTitle))
        let including = PersonalContactMapper(fields: FieldSelection(include: ["displayName", "emailAddresses"]))
        #expect(including.writtenFields == [.displayName, .emailAddresses])
        #expect(Set(including.desired(for: person).values.keys) == [.displayName, .emailAddresses])
    }

    @Test func categoriesFollowTheTargetOption() {
        #expect(!PersonalContactMapper(categories: nil).writtenFields.contains(.categories))
        #expect(PersonalContactMapper(categories: []).desired(for: person).values[.categories] == .categories([]))
        let set = PersonalContactMapper(categories: ["Directory"]).desired(for: person)
        #expect(set.values[.categories] == .categories(["Directory"]))
    }

    @Test func selectableNamesExcludeCategories() {
        #expect(ContactField.selectableNames.count == 14)
        #expect(!ContactField.selectableNames.contains("categories"))
    }
}
