import Foundation
import M365Primitives
import M365Simulator
import Testing

@Suite("Exchange admin API")
struct ExchangeTests {
    private func newContact(_ sim: SimSetup, _ index: Int) async throws -> HTTPResult {
        try await sim.exchange(
            "New-MailContact",
            [
                "Name": .string("Ext Person \(index)"), "ExternalEmailAddress": .string("person\(index)@fabrikam.com"),
                "DisplayName": .string("Person \(index)"), "FirstName": "Ext",
            ]
        )
    }

    @Test func createReadUpdateRemove() async throws {
        try await withSimulator { sim in
            let created = try await newContact(sim, 1)
            #expect(created.status == 200, "\(created.text)")
            let value = try #require(created.json["value"]?.arrayValue?.first)
            #expect(value["PrimarySmtpAddress"] == "person1@fabrikam.com")
            #expect(value["ExternalEmailAddress"] == "SMTP:person1@fabrikam.com")
            #expect(value["EmailAddresses@odata.type"] == "#Collection(String)")
            #expect(created.json["@adminapi.warnings"] == [])

            let set = try await sim.exchange(
                "Set-MailContact",
                [
                    "Identity": "Ext Person 1", "CustomAttribute15": "m365sync:job:a",
                    "HiddenFromAddressListsEnabled": true,
                ]
            )
            #expect(set.status == 200)
            #expect(set.json["value"] == [])
            let unchanged = try await sim.exchange(
                "Set-MailContact",
                ["Identity": "Ext Person 1", "CustomAttribute15": "m365sync:job:a"]
            )
            #expect(unchanged.json["@adminapi.warnings"]?.arrayValue?.count == 1)

            let contact = try await sim.exchange(
                "Set-Contact",
                ["Identity": "person1@fabrikam.com", "City": "Köln", "CountryOrRegion": "DE", "Title": "Buyer"]
            )
            #expect(contact.status == 200)
            let read = try await sim.exchange("Get-Contact", ["Identity": "Ext Person 1"])
            #expect(read.json["value"]?.arrayValue?.first?["CountryOrRegion"] == "Germany")
            #expect(read.json["value"]?.arrayValue?.first?["City"] == "Köln")
            let badCountry = try await sim.exchange(
                "Set-Contact",
                ["Identity": "Ext Person 1", "CountryOrRegion": "Atlantis"]
            )
            #expect(badCountry.status == 400)

            let filtered = try await sim.exchange(
                "Get-MailContact",
                ["Filter": "CustomAttribute15 -like 'm365sync:job:*'", "ResultSize": "Unlimited"]
            )
            #expect(filtered.json["value"]?.arrayValue?.count == 1)
            #expect(filtered.json["value"]?.arrayValue?.first?["HiddenFromAddressListsEnabled"] == true)
            let byAddress = try await sim.exchange(
                "Get-MailContact",
                ["Filter": "PrimarySmtpAddress -eq 'person1@fabrikam.com'"]
            )
            #expect(byAddress.json["value"]?.arrayValue?.count == 1)

            let needsConfirm = try await sim.exchange("Remove-MailContact", ["Identity": "Ext Person 1"])
            #expect(needsConfirm.status == 400)
            let removed = try await sim.exchange("Remove-MailContact", ["Identity": "Ext Person 1", "Confirm": false])
            #expect(removed.status == 200)
            #expect(try await sim.control.mailContacts(tenantId: sim.tenant.tenantId).isEmpty)
        }
    }

    @Test func errorsUseTheEnvelope() async throws {
        try await withSimulator { sim in
            let fixture = try Fixtures.load("exo/invokecommand-error-notfound.thirdparty.json")
            let missing = try await sim.exchange("Get-MailContact", ["Identity": "nobody@nowhere.example"])
            #expect(missing.status == 404)
            #expect(Fixtures.shapeMismatches(missing.json, fixture) == [])
            let parts =
                missing.json["error"]?["details"]?.arrayValue?.first?["message"]?.stringValue?.split(separator: "|")
                ?? []
            #expect(parts.count == 3)
            #expect(
                parts.dropFirst().first == "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"
            )

            _ = try await newContact(sim, 2)
            let duplicate = try await newContact(sim, 2)
            #expect(duplicate.status == 400)
            #expect(
                duplicate.json["error"]?["details"]?.arrayValue?.first?["message"]?.stringValue?.contains(
                    "ADObjectAlreadyExistsException"
                ) == true
            )

            let unknownParameter = try await sim.exchange(
                "Set-MailContact",
                ["Identity": "Ext Person 2", "DomainController": "dc1"]
            )
            #expect(unknownParameter.status == 400)
            #expect(
                unknownParameter.json["error"]?["details"]?.arrayValue?.first?["message"]?.stringValue?.contains(
                    "A parameter cannot be found that matches parameter name 'DomainController'"
                ) == true
            )

            let noAnchor = try await sim.exchange("Get-MailContact", headers: ["X-CmdletName": "Get-MailContact"])
            #expect(noAnchor.status == 400)
            let badFilter = try await sim.exchange("Get-MailContact", ["Filter": "Nonsense -eq 'x'"])
            #expect(badFilter.status == 400)
        }
    }

    @Test func missingRoleIsForbidden() async throws {
        let permissions = AppPermissions(
            graphRoles: [],
            exchangeManageAsApp: true,
            exchangeRecipientAdministrator: false
        )
        try await withSimulator(permissions: permissions) { sim in
            let result = try await sim.exchange("Get-MailContact")
            #expect(result.status == 403)
            #expect(
                result.json["error"]?["details"]?.arrayValue?.first?["message"]?.stringValue?.split(separator: "|")
                    .count == 3
            )
        }
    }

    @Test func pagingByRepostingToNextLink() async throws {
        try await withSimulator { sim in
            for index in 0..<7 { #expect(try await newContact(sim, index + 10).status == 200) }
            let token = try await sim.token(scope: SimSetup.exchangeScope)
            var headers = ["X-AnchorMailbox": sim.anchor, "Prefer": "odata.maxpagesize=3"]
            var url: String? = nil
            var names: [String] = []
            var pages = 0
            repeat {
                let page = try await sim.exchange(
                    "Get-MailContact",
                    ["ResultSize": "Unlimited"],
                    url: url,
                    headers: headers,
                    token: token
                )
                #expect(page.status == 200)
                #expect(page.header("rate-limit-limit") != nil || true)
                names += page.json["value"]?.arrayValue?.compactMap { $0["Name"]?.stringValue } ?? []
                url = page.json["@odata.nextLink"]?.stringValue
                pages += 1
            } while url != nil && pages < 10
            #expect(pages == 3)
            #expect(Set(names).count == 7)
            headers["Prefer"] = nil
            let first = try await sim.exchange(
                "Get-MailContact",
                ["ResultSize": "2"],
                headers: ["X-AnchorMailbox": sim.anchor, "Prefer": "odata.maxpagesize=1"],
                token: token
            )
            let next = try #require(first.json["@odata.nextLink"]?.stringValue)
            let otherBody = try await sim.exchange(
                "Get-MailContact",
                ["ResultSize": "3"],
                url: next,
                headers: ["X-AnchorMailbox": sim.anchor],
                token: token
            )
            #expect(otherBody.status == 400)
        }
    }

    @Test func defaultResultSizeWarns() async throws {
        try await withSimulator { sim in
            for index in 0..<3 { _ = try await newContact(sim, index) }
            let limited = try await sim.exchange("Get-Contact", ["ResultSize": "2"])
            #expect(limited.json["value"]?.arrayValue?.count == 2)
            #expect(limited.json["@odata.nextLink"] == nil)
        }
    }
}
