/// Which directory objects of the source tenant a job copies. Shared by both job kinds.
public struct SourceSelection: Sendable, Equatable {
    public var tenant: String
    /// Default `[.member]`.
    public var memberTypes: Set<MemberType>
    public var requireEmailAddress: Bool
    public var requireMobilePhone: Bool
    /// Default true.
    public var requireAccountEnabled: Bool
    /// Default true. Guests and `#EXT#` users are exempt when guests are included.
    public var requireAssignedLicense: Bool
    /// Default true.
    public var excludeHiddenFromAddressList: Bool
    /// Group ids; when non-empty, only transitive members of one of them.
    public var includeGroups: [String]
    /// Group ids whose transitive members are left out.
    public var excludeGroups: [String]
    public var filters: [PropertyFilter]
    /// An OData `$filter` passed to `/users` as is.
    public var userFilter: String?

    public init(
        tenant: String,
        memberTypes: Set<MemberType> = [.member],
        requireEmailAddress: Bool = false,
        requireMobilePhone: Bool = false,
        requireAccountEnabled: Bool = true,
        requireAssignedLicense: Bool = true,
        excludeHiddenFromAddressList: Bool = true,
        includeGroups: [String] = [],
        excludeGroups: [String] = [],
        filters: [PropertyFilter] = [],
        userFilter: String? = nil
    ) {
        self.tenant = tenant
        self.memberTypes = memberTypes
        self.requireEmailAddress = requireEmailAddress
        self.requireMobilePhone = requireMobilePhone
        self.requireAccountEnabled = requireAccountEnabled
        self.requireAssignedLicense = requireAssignedLicense
        self.excludeHiddenFromAddressList = excludeHiddenFromAddressList
        self.includeGroups = includeGroups
        self.excludeGroups = excludeGroups
        self.filters = filters
        self.userFilter = userFilter
    }
}

public enum MemberType: String, Sendable, Equatable, CaseIterable {
    /// Users whose `userType` is `Member`.
    case member
    /// Users whose `userType` is `Guest`.
    case guest
    /// Organizational contacts.
    case contact
}

/// A filter on a (dotted) source property, such as `onPremisesExtensionAttributes.extensionAttribute5`.
public struct PropertyFilter: Sendable, Equatable {
    public enum Operator: String, Sendable, Equatable, CaseIterable {
        case equals, notEquals, like, lessThan, greaterThan
    }

    public enum Effect: String, Sendable, Equatable, CaseIterable {
        case include, exclude
    }

    public var property: String
    public var `operator`: Operator
    /// For `like`, `*` matches any run of characters.
    public var value: String
    public var effect: Effect

    public init(property: String, operator: Operator, value: String, effect: Effect = .include) {
        self.property = property
        self.operator = `operator`
        self.value = value
        self.effect = effect
    }
}
