import M365Core
import Testing

@Suite struct PropertyFilterTests {
    let object = SyncFixtures.object(
        """
        {"department": "Sales", "onPremisesExtensionAttributes": {"extensionAttribute5": "Sync"},
         "employeeCount": 12, "costCenter": "0100", "otherMails": ["a@x.com", "b@y.com"], "nothing": null}
        """
    )

    func holds(_ property: String, _ op: PropertyFilter.Operator, _ value: String) -> Bool {
        PropertyFilter(property: property, operator: op, value: value).matches(object)
    }

    @Test func equalsIsCaseInsensitiveOnDottedPaths() {
        #expect(holds("onPremisesExtensionAttributes.extensionAttribute5", .equals, "sync"))
        #expect(!holds("onPremisesExtensionAttributes.extensionAttribute5", .equals, "Syncs"))
        #expect(holds("department", .notEquals, "Marketing"))
        #expect(!holds("department", .notEquals, "SALES"))
    }

    @Test func missingAndNullHaveNoValue() {
        #expect(holds("nothing", .equals, ""))
        #expect(holds("absent.deeper", .equals, ""))
        #expect(!holds("absent", .equals, "x"))
        #expect(holds("absent", .notEquals, "x"))
        #expect(!holds("absent", .notEquals, ""))
        #expect(!holds("absent", .lessThan, "5"))
        #expect(!holds("absent", .greaterThan, "5"))
        #expect(holds("absent", .like, "*"))
        #expect(!holds("absent", .like, "a*"))
    }

    @Test func likeUsesStarWildcards() {
        #expect(holds("department", .like, "s*"))
        #expect(holds("department", .like, "*LES"))
        #expect(holds("department", .like, "*a*e*"))
        #expect(holds("department", .like, "Sales"))
        #expect(!holds("department", .like, "Sale"))
        #expect(!holds("department", .like, "*x*"))
        #expect(holds("otherMails", .like, "*@y.com"))
    }

    @Test func comparisonsAreNumericWhenBothSidesAreNumbers() {
        #expect(holds("employeeCount", .greaterThan, "9"))
        #expect(holds("employeeCount", .lessThan, "100"))
        #expect(holds("costCenter", .lessThan, "200"))
        #expect(!holds("department", .lessThan, "Marketing"))
        #expect(holds("department", .greaterThan, "Marketing"))
    }

    @Test func arraysMatchAnyElementAndNotEqualsNone() {
        #expect(holds("otherMails", .equals, "B@Y.COM"))
        #expect(!holds("otherMails", .notEquals, "a@x.com"))
        #expect(holds("otherMails", .notEquals, "c@z.com"))
    }
}
