import M365Core
import M365Primitives
import Testing

@Suite struct OwnershipMarkerTests {
    @Test func roundTripsJobNamesWithColons() {
        let marker = OwnershipMarker(job: "sales:emea:v2", sourceId: "4562bcc8-c436-4f95-b7c0-4f8ce89dca5e")
        #expect(marker.encoded == "m365sync:sales:emea:v2:4562bcc8-c436-4f95-b7c0-4f8ce89dca5e")
        #expect(OwnershipMarker(parsing: marker.encoded) == marker)
        #expect(OwnershipMarker(parsing: " \(marker.encoded) ") == marker)
    }

    @Test func rejectsOtherValues() {
        #expect(OwnershipMarker(parsing: "") == nil)
        #expect(OwnershipMarker(parsing: "O365Synchronizer123") == nil)
        #expect(OwnershipMarker(parsing: "m365sync:job") == nil)
        #expect(OwnershipMarker(parsing: "m365sync::id") == nil)
        #expect(OwnershipMarker(parsing: "m365sync:job:") == nil)
    }

    @Test func contactPropertyIdIsFixedAndReadCaseInsensitively() {
        #expect(PersonalContactMarker.propertyId.hasPrefix("String {"))
        #expect(PersonalContactMarker.propertyId.hasSuffix("} Name m365syncSource"))
        #expect(PersonalContactMarker.expandQuery.contains(PersonalContactMarker.propertyId))
        let contact: [String: JSONValue] = [
            "singleValueExtendedProperties": [
                ["id": .string(PersonalContactMarker.propertyId.uppercased()), "value": "m365sync:j:1"]
            ]
        ]
        #expect(PersonalContactMarker.rawValue(in: contact) == "m365sync:j:1")
        #expect(PersonalContactMarker.rawValue(in: [:]) == nil)
    }

    @Test func filterQueryEscapesQuotes() {
        let query = PersonalContactMarker.filterQuery(OwnershipMarker(job: "o'neil", sourceId: "1"))
        #expect(query.contains("ep/value eq 'm365sync:o''neil:1'"))
    }
}
