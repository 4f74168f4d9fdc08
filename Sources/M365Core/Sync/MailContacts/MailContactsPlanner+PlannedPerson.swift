import M365Primitives

extension MailContactsPlanner {
    /// One source person the plan keeps or adds: the wanted values, the contact in the target, the allocated name.
    struct PlannedPerson {
        /// Where the person's contact comes from.
        enum Contact {
            /// An owned contact kept (or, in domain mode, adopted by its address).
            case kept(ExistingMailContact, adopted: Bool)
            /// A contact this run adds.
            case added
        }

        var desired: DesiredMailContact
        var contact: Contact
        /// The Exchange `Name` (kept when it still fits, or newly allocated).
        var name = ""
        /// The written fields except `manager`, with the numbered display name when unique ones are wanted.
        var values: [MailContactField: JSONValue]

        init(desired: DesiredMailContact, contact: Contact) {
            self.desired = desired
            self.contact = contact
            values = desired.values
        }

        var sourceId: String { desired.sourceId }

        /// The contact kept for the person; nil for an add.
        var keptContact: ExistingMailContact? {
            guard case .kept(let contact, _) = contact else { return nil }
            return contact
        }
    }

    /// Owned contacts matched to people, the people to add, and the removals before safety.
    struct Matching {
        /// By source id; every one is `.kept`.
        var kept: [String: PlannedPerson] = [:]
        var toAdd: [DesiredMailContact] = []
        var removals: [MailContactRemoval] = []

        mutating func keep(_ contact: ExistingMailContact, for desired: DesiredMailContact, adopted: Bool) {
            kept[desired.sourceId] = PlannedPerson(desired: desired, contact: .kept(contact, adopted: adopted))
        }
    }

    /// Unique names, aliases and display names, each avoiding the ones that stay in the target.
    struct NameAllocators {
        var names: UniqueNameAllocator
        var aliases: UniqueNameAllocator
        var displayNames: UniqueNameAllocator
        /// Whether display names are numbered to stay unique.
        let numberDisplayNames: Bool
    }
}
