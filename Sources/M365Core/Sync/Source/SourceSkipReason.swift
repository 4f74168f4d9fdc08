/// Why a source person was left out of a job or of one target.
public enum SourceSkipReason: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// Not one of the job's `memberTypes`.
    case memberType
    /// `requireAccountEnabled` and the account is disabled.
    case accountDisabled
    /// `requireAssignedLicense` and no licence (guests and `#EXT#` users exempt when guests are included).
    case noLicense
    /// `excludeHiddenFromAddressList` and `showInAddressList` is false.
    case hiddenFromAddressList
    /// `requireEmailAddress` (or a mail contact job) and no address.
    case noEmailAddress
    /// `requireMobilePhone` and no mobile number.
    case noMobilePhone
    /// `includeGroups` is set and the person is in none of them.
    case notInIncludedGroup
    /// The person is in one of `excludeGroups`.
    case inExcludedGroup
    /// An include property filter does not match.
    case filteredOut
    /// An exclude property filter matches.
    case excludedByFilter
    /// Mail contacts: the address is outside the target's `domains`.
    case outsideDomains
    /// Mail contacts: another selected person has the same address.
    case duplicateEmail
    /// Mail contacts: a contact the job does not own already has the address.
    case addressInUse

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
