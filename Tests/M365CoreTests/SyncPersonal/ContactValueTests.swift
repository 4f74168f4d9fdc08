import M365Core
import M365Primitives
import Testing

@Suite struct ContactValueTests {
    @Test func textComparisonTrimsAndCollapsesWhitespace() {
        #expect(ContactValue.text("  Head  of\tSales ").isEquivalent(to: .text("Head of Sales")))
        #expect(!ContactValue.text("head of sales").isEquivalent(to: .text("Head of Sales")))
    }

    @Test func nullEmptyAndMissingAreEqual() {
        let contact = SyncFixtures.object(
            """
            {"jobTitle": null, "department": "", "homePhones": [], "businessAddress": {},
             "emailAddresses": [], "categories": null}
            """
        )
        for field in ContactField.allCases {
            #expect(ContactValue.read(field, from: contact).isEmpty, "\(field)")
            #expect(ContactValue.read(field, from: [:]).isEmpty, "\(field)")
        }
        let blankAddress = SyncFixtures.object(#"{"businessAddress": {"street": " ", "city": null, "state": ""}}"#)
        #expect(ContactValue.read(.businessAddress, from: blankAddress).isEquivalent(to: .address(ContactAddress())))
    }

    @Test func multiValuesIgnoreOrder() {
        #expect(ContactValue.phones(["2", "1"]).isEquivalent(to: .phones(["1", " 2 "])))
        #expect(!ContactValue.phones(["1"]).isEquivalent(to: .phones(["1", "2"])))
        #expect(ContactValue.categories(["Directory", "b"]).isEquivalent(to: .categories(["B", "directory"])))
    }

    @Test func emailAddressesCompareAddressesCaseInsensitively() {
        let read = ContactValue.read(
            .emailAddresses,
            from: SyncFixtures.object(#"{"emailAddresses": [{"name": "Ann Lee", "address": "Ann.Lee@Contoso.com"}]}"#)
        )
        #expect(read.isEquivalent(to: .emails([ContactEmail(name: "Ann Lee", address: "ann.lee@contoso.com")])))
        #expect(!read.isEquivalent(to: .emails([ContactEmail(name: "Ann Smith", address: "ann.lee@contoso.com")])))
    }

    @Test func clearingValuesAreExplicit() {
        #expect(ContactValue.text(nil).json == .null)
        #expect(ContactValue.phones([]).json == .array([]))
        #expect(ContactValue.emails([]).json == .array([]))
        let address = ContactValue.address(ContactAddress(city: "Oslo")).json.objectValue!
        #expect(address.count == 5)
        #expect(address["city"] == .string("Oslo"))
        #expect(address["street"] == .null)
        #expect(address["countryOrRegion"] == .null)
    }

    @Test func phonesAreNeverJoined() {
        #expect(ContactValue.phones(["+1 1", "+1 2"]).json == .array([.string("+1 1"), .string("+1 2")]))
    }

    @Test func displayRendersForReports() {
        #expect(ContactValue.emails([ContactEmail(name: "Ann", address: "a@x.com")]).display == "Ann <a@x.com>")
        #expect(ContactValue.address(ContactAddress(street: "Main 1", city: "Oslo")).display == "Main 1, Oslo")
        #expect(ContactValue.phones(["1", "2"]).display == "1, 2")
        #expect(ContactValue.text(nil).display == "")
    }
}
