extension ConfigurationDecoder {
    /// Keys that would put a secret inline; each gets an error saying which file key to use instead.
    private static let inlineSecretKeys: [String: String] = [
        "clientSecret": "clientSecretFile",
        "privateKey": "privateKeyFile",
        "certificate": "certificateFile",
        "password": "clientSecretFile",
    ]

    static func decodeTenant(
        _ node: ConfigJSON,
        name: String,
        at path: ConfigPath,
        directory: String,
        context: ConfigDecodingContext
    ) -> (tenant: TenantConfiguration?, references: [ConfigurationFileReference]) {
        let errorsBefore = context.issues.count
        guard let object = ObjectReader(node, at: path, context: context) else { return (nil, []) }
        var files = TenantFiles(tenant: name, object: object, directory: directory)
        let tenantId = object.requiredString(
            "tenantId",
            hint: "the tenant GUID or its verified domain",
            check: checkTenantId
        )
        let clientId = object.requiredString("clientId", hint: "the application (client) id, a GUID", check: checkGUID)
        rejectInlineSecrets(object)
        let secretFile = files.resolve("clientSecretFile", .clientSecret)
        let certificateFile = files.resolve("certificateFile", .certificate)
        let privateKeyFile = files.resolve("privateKeyFile", .privateKey)
        let algorithmGiven = object.contains("assertionAlgorithm")
        let algorithm = object.choice("assertionAlgorithm", default: AssertionAlgorithm.ps256)
        let credential = credential(
            object,
            secretFile: secretFile,
            certificateFile: certificateFile,
            privateKeyFile: privateKeyFile,
            algorithm: algorithm,
            algorithmGiven: algorithmGiven
        )
        let cloud = object.choice("cloud", default: Cloud.global)
        let endpoints = decodeEndpoints(object.object("endpoints"), cloud: cloud)
        let caFile = files.resolve("caFile", .caFile)
        object.finish()
        guard let credential, context.issues.count == errorsBefore else { return (nil, files.references) }
        let tenant = TenantConfiguration(
            name: name,
            tenantId: tenantId,
            clientId: clientId,
            credential: credential,
            cloud: cloud,
            endpoints: endpoints,
            caFile: caFile
        )
        return (tenant, files.references)
    }

    /// The files a tenant names, resolved against the configuration directory and remembered for checking.
    struct TenantFiles {
        let tenant: String
        let object: ObjectReader
        let directory: String
        private(set) var references: [ConfigurationFileReference] = []

        init(tenant: String, object: ObjectReader, directory: String) {
            self.tenant = tenant
            self.object = object
            self.directory = directory
        }

        /// The resolved path written under `key`, if any.
        mutating func resolve(_ key: String, _ role: ConfigurationFileReference.Role) -> String? {
            guard let written = object.string(key) else { return nil }
            let resolved = ConfigurationPaths.resolve(written, against: directory)
            references.append(
                ConfigurationFileReference(
                    tenant: tenant,
                    role: role,
                    file: object.context.file,
                    path: object.path(key).description,
                    written: written,
                    resolved: resolved
                )
            )
            return resolved
        }
    }

    /// An error for each secret written inline, naming the file key to use instead.
    private static func rejectInlineSecrets(_ object: ObjectReader) {
        for (key, replacement) in inlineSecretKeys.sorted(by: { $0.key < $1.key }) where object.contains(key) {
            _ = object.value(key)
            object.context.error(
                object.path(key),
                "secrets are never written inline; put it in a file readable only by the service (chmod 600) "
                    + "and name that file with \(ConfigExcerpt.quoted(replacement))"
            )
        }
    }

    /// The cloud's endpoints with the `endpoints` overrides.
    private static func decodeEndpoints(_ overrides: ObjectReader?, cloud: Cloud) -> ServiceEndpoints {
        var endpoints = cloud.endpoints
        guard let overrides else { return endpoints }
        endpoints.login = overrides.string("login", check: checkBaseURL).map(trimSlash) ?? endpoints.login
        endpoints.graph = overrides.string("graph", check: checkBaseURL).map(trimSlash) ?? endpoints.graph
        endpoints.exchange = overrides.string("exchange", check: checkBaseURL).map(trimSlash) ?? endpoints.exchange
        overrides.finish()
        return endpoints
    }

    private static func credential(
        _ object: ObjectReader,
        secretFile: String?,
        certificateFile: String?,
        privateKeyFile: String?,
        algorithm: AssertionAlgorithm,
        algorithmGiven: Bool
    ) -> TenantCredential? {
        let context = object.context
        let hasSecret = object.contains("clientSecretFile")
        let hasCertificate = object.contains("certificateFile")
        let hasKey = object.contains("privateKeyFile")
        if hasSecret, hasCertificate || hasKey {
            context.error(
                object.path,
                "a tenant has exactly one credential: either \"clientSecretFile\", "
                    + "or \"certificateFile\" with \"privateKeyFile\", not both"
            )
            return nil
        }
        if hasSecret {
            if algorithmGiven {
                context.error(
                    object.path("assertionAlgorithm"),
                    "applies only to certificate credentials (\"certificateFile\" and \"privateKeyFile\")"
                )
            }
            return secretFile.map { .clientSecret(file: $0) }
        }
        if hasCertificate != hasKey {
            let missing = hasCertificate ? "privateKeyFile" : "certificateFile"
            context.error(
                object.path(missing),
                "missing required key \(ConfigExcerpt.quoted(missing)): a certificate credential needs both "
                    + "\"certificateFile\" and \"privateKeyFile\" (PEM files)"
            )
            return nil
        }
        if hasCertificate, let certificateFile, let privateKeyFile {
            return .certificate(certificateFile: certificateFile, privateKeyFile: privateKeyFile, algorithm: algorithm)
        }
        let inlineGiven = inlineSecretKeys.keys.contains { object.contains($0) }
        if !hasCertificate, !inlineGiven {
            context.error(
                object.path("clientSecretFile"),
                "missing credential: set \"clientSecretFile\", or \"certificateFile\" and \"privateKeyFile\""
            )
        }
        return nil
    }

    static func checkGUID(_ text: String) -> String? {
        isGUID(text)
            ? nil
            : "expected a GUID such as \"00000000-0000-0000-0000-000000000000\", found \(ConfigExcerpt.quoted(text))"
    }

    static func checkTenantId(_ text: String) -> String? {
        if isGUID(text) || isDomain(text) { return nil }
        return
            "expected the tenant GUID or a verified domain such as \"contoso.onmicrosoft.com\", found \(ConfigExcerpt.quoted(text))"
    }

    static func isGUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && text.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }

    /// An absolute `http` or `https` URL without query or fragment.
    static func checkBaseURL(_ text: String) -> String? {
        let lowered = text.lowercased()
        let rest: Substring
        if lowered.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lowered.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return
                "expected an absolute http(s) URL such as \"https://graph.microsoft.com\", found \(ConfigExcerpt.quoted(text))"
        }
        let host = rest.prefix { $0 != "/" && $0 != ":" }
        if host.isEmpty || text.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace }) {
            return
                "expected an absolute http(s) URL with a host and without query or fragment, found \(ConfigExcerpt.quoted(text))"
        }
        return nil
    }

    static func trimSlash(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
