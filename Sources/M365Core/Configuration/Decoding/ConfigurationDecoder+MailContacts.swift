extension ConfigurationDecoder {
    /// `target` and `safety` of a `mailContacts` job.
    static func decodeMailContacts(_ job: ObjectReader, source: SourceSelection?, tenants: TenantChecker) -> JobSpec? {
        let safety = decodeSafety(job.object("safety"), defaults: MailContactsJobSpec.defaultSafety)
        guard let object = job.object("target") else {
            if !job.contains("target") {
                job.reportMissing("target", "the tenant to write mail contacts into")
            }
            return nil
        }
        let context = object.context
        if source?.memberTypes.contains(.contact) == true { warnOfLoops(job) }
        let tenant = object.requiredString("tenant", hint: "the tenant to write mail contacts into")
        tenants.check(tenant, at: object.path("tenant"))
        let defaults = MailContactsTarget(tenant: tenant)
        let domains = object.strings("domains", nonEmpty: true) { domain in
            isDomain(domain)
                ? nil : "expected a mail domain such as \"contoso.com\", found \(ConfigExcerpt.quoted(domain))"
        }
        let ownership = object.choice("ownership", default: defaults.ownership)
        if ownership == .domain {
            context.warning(
                object.path("ownership"),
                "\"domain\" manages every mail contact whose address is in the job's domains, also ones "
                    + "m365sync did not create (they are adopted); \"marker\" is safer"
            )
        }
        let markerAttribute = object.string("markerAttribute", default: defaults.markerAttribute) { name in
            MailContactsTarget.markerAttributes.contains(name)
                ? nil
                : "expected one of \"CustomAttribute1\" … \"CustomAttribute15\", found \(ConfigExcerpt.quoted(name))"
        }
        let nameFormat = object.string("nameFormat", default: defaults.nameFormat, check: checkNameFormat)
        let suffix = decodeDisplayNameSuffix(object, default: defaults.displayNameSuffix)
        let target = MailContactsTarget(
            tenant: tenant,
            domains: domains,
            ownership: ownership,
            markerAttribute: markerAttribute,
            nameFormat: nameFormat,
            displayNameSuffix: suffix,
            ensureUniqueDisplayName: object.bool("ensureUniqueDisplayName", default: defaults.ensureUniqueDisplayName),
            hiddenFromAddressLists: object.bool("hiddenFromAddressLists", default: defaults.hiddenFromAddressLists),
            skipAdd: object.bool("skipAdd", default: false),
            skipUpdate: object.bool("skipUpdate", default: false),
            skipRemove: object.bool("skipRemove", default: false),
            fields: decodeFields(object.object("fields"), known: MailContactsTarget.knownFields)
        )
        object.finish()
        guard let source else { return nil }
        return .mailContacts(MailContactsJobSpec(source: source, target: target, safety: safety))
    }

    /// Warns that copying org contacts can bring other jobs' mail contacts back to their own tenant.
    static func warnOfLoops(_ job: ObjectReader) {
        job.context.warning(
            job.path("source").appending("memberTypes"),
            "\"contact\" copies the source tenant's org contacts, which include the mail contacts that other "
                + "jobs wrote there (a reverse tenant-to-tenant job's among them): people can loop back to their "
                + "own tenant; list \"member\" and \"guest\" only unless that is intended"
        )
    }

    /// `displayNameSuffix`: any string, the empty one included.
    static func decodeDisplayNameSuffix(_ object: ObjectReader, default fallback: String) -> String {
        guard let node = object.value("displayNameSuffix") else { return fallback }
        guard case .string(let text) = node else {
            object.context.error(object.path("displayNameSuffix"), "expected a string, found \(node.kindDescription)")
            return ""
        }
        return text
    }

    /// Text with at least one `{property}` placeholder and balanced braces.
    static func checkNameFormat(_ format: String) -> String? {
        var placeholders = 0
        var rest = Substring(format)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                return "unbalanced braces in \(ConfigExcerpt.quoted(format)); placeholders are written {property}"
            }
            let name = String(rest[rest.index(after: open)..<close])
            if let problem = checkPropertyPath(name) {
                return "invalid placeholder {\(name)} in \(ConfigExcerpt.quoted(format)): \(problem)"
            }
            placeholders += 1
            rest = rest[rest.index(after: close)...]
        }
        return placeholders == 0
            ? "must contain at least one {property} placeholder such as {displayName}, found \(ConfigExcerpt.quoted(format))"
            : nil
    }
}
