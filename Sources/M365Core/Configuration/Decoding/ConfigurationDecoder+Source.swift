extension ConfigurationDecoder {
    /// The `source` section, shared by both job kinds.
    static func decodeSource(_ object: ObjectReader, tenants: TenantChecker) -> SourceSelection {
        let context = object.context
        let defaults = SourceSelection(tenant: "")
        let tenant = object.requiredString("tenant", hint: "a tenant name from m365sync.json")
        tenants.check(tenant, at: object.path("tenant"))
        var memberTypes = defaults.memberTypes
        if let elements = object.array("memberTypes") {
            if elements.isEmpty {
                context.error(
                    object.path("memberTypes"),
                    "must name at least one of \"member\", \"guest\" or \"contact\""
                )
            }
            memberTypes = Set(elements.compactMap { context.choice($0.node, at: $0.path, as: MemberType.self) })
        }
        let selection = SourceSelection(
            tenant: tenant,
            memberTypes: memberTypes,
            requireEmailAddress: object.bool("requireEmailAddress", default: defaults.requireEmailAddress),
            requireMobilePhone: object.bool("requireMobilePhone", default: defaults.requireMobilePhone),
            requireAccountEnabled: object.bool("requireAccountEnabled", default: defaults.requireAccountEnabled),
            requireAssignedLicense: object.bool("requireAssignedLicense", default: defaults.requireAssignedLicense),
            excludeHiddenFromAddressList: object.bool(
                "excludeHiddenFromAddressList",
                default: defaults.excludeHiddenFromAddressList
            ),
            includeGroups: object.strings("includeGroups") ?? [],
            excludeGroups: object.strings("excludeGroups") ?? [],
            filters: (object.array("filters") ?? []).compactMap {
                decodeFilter($0.node, at: $0.path, context: context)
            },
            userFilter: object.string("userFilter")
        )
        object.finish()
        return selection
    }

    static func decodeFilter(_ node: ConfigJSON, at path: ConfigPath, context: ConfigDecodingContext) -> PropertyFilter?
    {
        guard let object = ObjectReader(node, at: path, context: context) else { return nil }
        let property = object.requiredString(
            "property",
            hint:
                "a source property, dotted for nested ones, e.g. \"onPremisesExtensionAttributes.extensionAttribute5\"",
            check: checkPropertyPath
        )
        let filterOperator = object.requiredChoice("operator", as: PropertyFilter.Operator.self)
        let value: String
        if let node = object.value("value") {
            // An empty value is meaningful here (e.g. equals "" matches an unset property).
            if case .string(let text) = node {
                value = text
            } else {
                context.error(object.path("value"), "expected a string, found \(node.kindDescription)")
                value = ""
            }
        } else {
            object.reportMissing("value", "the string to compare with")
            value = ""
        }
        let effect = object.choice("type", default: PropertyFilter.Effect.include)
        object.finish()
        guard let filterOperator else { return nil }
        return PropertyFilter(property: property, operator: filterOperator, value: value, effect: effect)
    }

    /// `a.b.c` with identifier-like segments.
    static func checkPropertyPath(_ text: String) -> String? {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false)
        let valid = segments.allSatisfy { segment in
            guard let first = segment.first, first.isLetter || first == "_" else { return false }
            return segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        }
        return valid
            ? nil : "expected a property name, dotted for nested properties (a.b), found \(ConfigExcerpt.quoted(text))"
    }
}
