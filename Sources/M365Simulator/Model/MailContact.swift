/// An Exchange mail contact (and its Get-Contact side), as the admin API's cmdlets see it.
public struct MailContact: Sendable, Equatable {
    public var guid: String
    public var name: String
    public var alias: String
    public var displayName: String
    /// The external address without a prefix (`someone@example.com`).
    public var externalEmailAddress: String
    public var emailAddresses: [String]
    public var hiddenFromAddressListsEnabled: Bool
    /// `CustomAttribute1`…`15` and the contact fields of Set-Contact (`FirstName`, `City`, …) that are set.
    public var fields: [String: String]
    /// `ExtensionCustomAttribute1`…`5`.
    public var extensionCustomAttributes: [String: [String]]
    public var whenCreated: Int64
    public var whenChanged: Int64
    /// Listing order; assigned by the tenant.
    var seq: Int = 0

    public init(
        guid: String,
        name: String,
        alias: String,
        displayName: String,
        externalEmailAddress: String,
        emailAddresses: [String] = [],
        hiddenFromAddressListsEnabled: Bool = false,
        fields: [String: String] = [:],
        extensionCustomAttributes: [String: [String]] = [:],
        whenCreated: Int64 = 0,
        whenChanged: Int64 = 0
    ) {
        self.guid = guid
        self.name = name
        self.alias = alias
        self.displayName = displayName
        self.externalEmailAddress = externalEmailAddress
        self.emailAddresses = emailAddresses.isEmpty ? ["SMTP:\(externalEmailAddress)"] : emailAddresses
        self.hiddenFromAddressListsEnabled = hiddenFromAddressListsEnabled
        self.fields = fields
        self.extensionCustomAttributes = extensionCustomAttributes
        self.whenCreated = whenCreated
        self.whenChanged = whenChanged
    }

    /// The primary SMTP address: in Exchange Online it follows the external address.
    public var primarySmtpAddress: String { externalEmailAddress }
}
