import M365Core
import M365Primitives

/// A target tenant that applies mail contact cmdlets the way Exchange Online does (as far as the planner cares).
struct FakeExchange {
    var mailContacts: [String: [String: JSONValue]] = [:]
    var contacts: [String: [String: JSONValue]] = [:]
    var errors: [String] = []
    /// Manager links by Guid, shown by name like Get-Contact does (they follow renames).
    var managers: [String: String] = [:]
    private var nextId = 0

    /// Get-MailContact output, in a stable order.
    var mailContactListing: [[String: JSONValue]] { mailContacts.keys.sorted().map { mailContacts[$0]! } }
    /// Get-Contact output, in a stable order.
    var contactListing: [[String: JSONValue]] { contacts.keys.sorted().map { contact($0)! } }

    /// The Get-Contact record of a Guid.
    func contact(_ guid: String) -> [String: JSONValue]? {
        guard var contact = contacts[guid] else { return nil }
        contact["Manager"] = managers[guid].flatMap { mailContacts[$0]?["Name"] } ?? ""
        return contact
    }

    /// Adds a contact as if someone created it by hand (or another tool).
    mutating func seed(name: String, email: String, _ extra: [String: JSONValue] = [:]) {
        let call = CmdletInvocation(
            cmdlet: "New-MailContact",
            parameters: ["Name": .string(name), "ExternalEmailAddress": .string(email)]
        )
        guard let guid = run(call) else {
            errors = []
            return
        }
        for (key, value) in extra {
            if mailContacts[guid]![key] != nil {
                mailContacts[guid]![key] = value
            } else {
                contacts[guid]![key] = value
            }
        }
    }

    func resolve(_ identity: JSONValue?) -> String? {
        guard let identity = identity?.stringValue?.lowercased() else { return nil }
        return mailContacts.first {
            $0.key.lowercased() == identity || $0.value["Name"]?.stringValue?.lowercased() == identity
        }?.key
    }

    /// Runs one cmdlet; returns the Guid of a new contact.
    @discardableResult
    mutating func run(_ call: CmdletInvocation) -> String? {
        let parameters = call.parameters
        switch call.cmdlet {
        case "New-MailContact":
            let name = parameters["Name"]!.stringValue!
            let email = parameters["ExternalEmailAddress"]!.stringValue!
            guard resolve(.string(name)) == nil else {
                errors.append("name in use: \(name)")
                return nil
            }
            guard
                !mailContacts.values.contains(where: {
                    $0["PrimarySmtpAddress"]?.stringValue?.lowercased() == email.lowercased()
                })
            else {
                errors.append("address in use: \(email)")
                return nil
            }
            nextId += 1
            let guid = "guid-\(String(nextId + 1000))"
            var mailContact: [String: JSONValue] = [
                "Guid": .string(guid), "Identity": .string(name), "Name": .string(name),
                "Alias": parameters["Alias"] ?? .string(name),
                "DisplayName": parameters["DisplayName"] ?? .string(name),
                "ExternalEmailAddress": .string("SMTP:\(email)"), "PrimarySmtpAddress": .string(email),
                "HiddenFromAddressListsEnabled": .bool(false),
            ]
            for index in 1...15 { mailContact["CustomAttribute\(index)"] = "" }
            var contact: [String: JSONValue] = [
                "Guid": .string(guid), "Identity": .string(name), "Name": .string(name),
            ]
            for field in MailContactField.allCases where field.cmdlet == .setContact { contact[field.parameter] = "" }
            contact["FirstName"] = parameters["FirstName"] ?? ""
            contact["LastName"] = parameters["LastName"] ?? ""
            mailContacts[guid] = mailContact
            contacts[guid] = contact
            return guid
        case "Set-MailContact":
            guard let guid = resolve(parameters["Identity"]) else { return fail(call) }
            for (key, value) in parameters where key != "Identity" {
                if key == "ExternalEmailAddress" {
                    mailContacts[guid]!["ExternalEmailAddress"] = .string("SMTP:\(value.stringValue!)")
                    mailContacts[guid]!["PrimarySmtpAddress"] = value
                } else {
                    mailContacts[guid]![key] = value.isNull ? "" : value
                }
            }
        case "Set-Contact":
            guard let guid = resolve(parameters["Identity"]) else { return fail(call) }
            for (key, value) in parameters where key != "Identity" {
                if key == "Manager" {
                    if value.isNull {
                        managers[guid] = nil
                    } else if let manager = resolve(value) {
                        managers[guid] = manager
                    } else {
                        return fail(call)
                    }
                } else if key == "CountryOrRegion", let code = value.stringValue {
                    contacts[guid]![key] = .string(CountryCodes.name(for: code) ?? code)
                } else {
                    contacts[guid]![key] = value.isNull ? "" : value
                }
            }
        case "Remove-MailContact":
            guard let guid = resolve(parameters["Identity"]) else { return fail(call) }
            mailContacts[guid] = nil
            contacts[guid] = nil
            managers[guid] = nil
            for (report, manager) in managers where manager == guid { managers[report] = nil }
        default:
            errors.append("unknown cmdlet \(call.cmdlet)")
        }
        return nil
    }

    private mutating func fail(_ call: CmdletInvocation) -> String? {
        errors.append("\(call.cmdlet) failed: \(call.parameters)")
        return nil
    }

    /// Applies a plan in the documented order: removes, updates, adds, manager links.
    mutating func apply(_ plan: MailContactsPlan) {
        for remove in plan.removes { run(remove.invocation) }
        for update in plan.updates {
            for call in update.invocations { run(call) }
        }
        for add in plan.adds {
            let calls = add.invocations()
            guard let guid = run(calls[0]) else { continue }
            for call in add.invocations(identity: guid).dropFirst() { run(call) }
        }
        for link in plan.managerLinks { run(link.invocation) }
    }
}

/// A mail contacts planner over a fake Exchange tenant.
struct MailHarness {
    var planner: MailContactsPlanner
    var exchange = FakeExchange()

    init(
        job: String = "a2b",
        target: MailContactsTarget = MailContactsTarget(tenant: "fabrikam", domains: ["contoso.com"]),
        safety: SafetyLimits = SafetyLimits(maxRemove: 500, maxRemovePercent: 100)
    ) {
        planner = MailContactsPlanner(job: job, target: target, safety: safety)
    }

    func plan(
        _ people: [SourcePerson],
        read: SourceReadStatus = .complete,
        allowRemovals: Bool = false
    ) -> MailContactsPlan {
        planner.plan(
            people: people,
            mailContacts: exchange.mailContactListing,
            contacts: exchange.contactListing,
            sourceRead: read,
            allowRemovals: allowRemovals
        )
    }

    @discardableResult
    mutating func sync(
        _ people: [SourcePerson],
        read: SourceReadStatus = .complete,
        allowRemovals: Bool = false
    )
        -> MailContactsPlan
    {
        let plan = plan(people, read: read, allowRemovals: allowRemovals)
        exchange.apply(plan)
        return plan
    }

    /// The Get-MailContact and Get-Contact properties of the contact whose address is `email`.
    func contact(_ email: String) -> [String: JSONValue]? {
        guard
            let (guid, mailContact) = exchange.mailContacts.first(where: {
                $0.value["PrimarySmtpAddress"]?.stringValue == email
            })
        else {
            return nil
        }
        return exchange.contact(guid)!.merging(mailContact) { $1 }
    }
}
