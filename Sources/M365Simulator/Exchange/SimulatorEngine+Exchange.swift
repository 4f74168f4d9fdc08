import Crypto
import Foundation
import HTTPTypes
import M365Primitives

/// Context of one InvokeCommand call.
struct ExchangeCall {
    var cmdlet: String
    var parameters: [String: JSONValue]
    var base: String
    var tenantPath: String
    var now: Double
    var pageSize: Int
    var offset: Int
    var bodyHash: String

    func parameter(_ name: String) -> JSONValue? {
        parameters.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    func string(_ name: String) -> String? {
        guard let value = parameter(name) else { return nil }
        switch value {
        case .string(let text): return text
        case .number(let number): return number.rounded() == number ? String(Int(number)) : String(number)
        case .bool(let flag): return flag ? "True" : "False"
        default: return nil
        }
    }
}

extension SimulatorEngine {
    static let anchorPrefixes = [
        "app:systemmailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@",
        "upn:systemmailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@",
    ]

    /// `POST /adminapi/beta/{tenant}/InvokeCommand`.
    func handleExchange(_ request: SimRequest, tenantKey: String, claims: AccessTokenClaims, now: Double) -> SimResponse
    {
        guard request.method == "POST" else {
            return ExchangeError(
                status: 405,
                code: "MethodNotAllowed",
                exceptionType: "System.NotSupportedException",
                text: "The HTTP method '\(request.method)' is not allowed."
            ).response()
        }
        let base = state.baseURL
        return state.withWorld { world in
            let tenant: Int
            let call: ExchangeCall
            do throws(ExchangeError) {
                tenant = try Self.exchangeTenant(request, tenantKey: tenantKey, claims: claims, world: world)
                call = try Self.exchangeCall(
                    request,
                    tenantKey: tenantKey,
                    tenantId: world.tenants[tenant].tenantId,
                    base: base,
                    now: now
                )
                try Self.checkExchangeRole(call.cmdlet, claims: claims, world: world)
            } catch {
                return error.response()
            }
            var response = world.runCmdlet(call, tenant: tenant)
            Self.addRateLimitHeaders(&response, claims: claims, world: world)
            return response
        }
    }

    /// The tenant in the path: the token's, and named by the `X-AnchorMailbox` header.
    private static func exchangeTenant(
        _ request: SimRequest,
        tenantKey: String,
        claims: AccessTokenClaims,
        world: SimulatorWorld
    ) throws(ExchangeError) -> Int {
        guard let tenant = world.tenantIndex(tenantKey), world.tenants[tenant].tenantId == claims.tenantId else {
            throw ExchangeError(
                status: 401,
                code: "Unauthorized",
                exceptionType: "System.UnauthorizedAccessException",
                text: "The token's tenant does not match the tenant '\(tenantKey)' in the request URL."
            )
        }
        guard let anchor = request.header("x-anchormailbox")?.lowercased(),
            let prefix = anchorPrefixes.first(where: { anchor.hasPrefix($0) }),
            world.tenants[tenant].matches(String(anchor.dropFirst(prefix.count)))
        else {
            throw .badRequest(
                "The X-AnchorMailbox header is missing or does not name the tenant's system mailbox (APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@<tenant>)."
            )
        }
        return tenant
    }

    /// The cmdlet and its parameters from the body; the offset from a `$skiptoken` made for the same body.
    private static func exchangeCall(
        _ request: SimRequest,
        tenantKey: String,
        tenantId: String,
        base: String,
        now: Double
    ) throws(ExchangeError) -> ExchangeCall {
        guard let body = try? JSONValue(decoding: Data(request.body)), let input = body["CmdletInput"]?.objectValue,
            let name = input["CmdletName"]?.stringValue
        else {
            throw .badRequest("The request body must be {\"CmdletInput\":{\"CmdletName\":…,\"Parameters\":{…}}}.")
        }
        let hash = Base64URL.encode(SHA256.hash(data: request.body))
        var offset = 0
        if let raw = request.queryValue("$skiptoken") {
            guard let token = PageToken.decode(raw), token.string("h") == hash, token.string("t") == tenantId else {
                throw .badRequest(
                    "The page token does not match the request body; POST the same body to @odata.nextLink."
                )
            }
            offset = token.int("o") ?? 0
        }
        return ExchangeCall(
            cmdlet: name,
            parameters: input["Parameters"]?.objectValue ?? [:],
            base: base,
            tenantPath: tenantKey,
            now: now,
            pageSize: min(max(request.maxPageSizePreference ?? 100, 1), 1_000),
            offset: offset,
            bodyHash: hash
        )
    }

    /// The token's `Exchange.ManageAsApp` role and the app's Recipient Administrator role.
    private static func checkExchangeRole(
        _ cmdlet: String,
        claims: AccessTokenClaims,
        world: SimulatorWorld
    ) throws(ExchangeError) {
        guard claims.roles.contains("Exchange.ManageAsApp"),
            world.apps[claims.clientId.lowercased()]?.permissions.exchangeRecipientAdministrator == true
        else { throw .missingRole(cmdlet) }
    }

    /// `Rate-Limit-Limit`, `-Remaining` and `-Reset` from the tenant's Exchange window.
    private static func addRateLimitHeaders(
        _ response: inout SimResponse,
        claims: AccessTokenClaims,
        world: SimulatorWorld
    ) {
        guard let window = world.windows["exchange|\(claims.tenantId)"] else { return }
        let limit = world.throttling.exchangeRequestsPerWindow
        response.headers[.rateLimitLimit] = String(limit)
        response.headers[.rateLimitRemaining] = String(max(0, limit - window.count))
        response.headers[.rateLimitReset] = SimTime.iso8601(
            Int64(window.start + world.throttling.exchangeWindowSeconds)
        )
    }
}

extension SimulatorWorld {
    static let cmdletParameters: [String: Set<String>] = {
        let common: Set<String> = ["confirm", "whatif", "erroraction", "warningaction", "verbose", "debug"]
        let customs = Set(
            MailContact.customAttributeNames.map { $0.lowercased() }
                + MailContact.extensionAttributeNames.map { $0.lowercased() }
        )
        let reads = common.union(["identity", "filter", "resultsize", "anr", "recipienttypedetails", "sortby"])
        return [
            "get-mailcontact": reads,
            "get-contact": reads,
            "new-mailcontact": common.union([
                "name", "externalemailaddress", "alias", "displayname", "firstname", "lastname", "initials",
                "organizationalunit",
            ]),
            "set-mailcontact": common.union([
                "identity", "name", "displayname", "alias", "externalemailaddress", "emailaddresses",
                "hiddenfromaddresslistsenabled", "windowsemailaddress", "forceupgrade",
            ]).union(customs),
            "set-contact": common.union(["identity", "name", "displayname"]).union(
                MailContact.contactFieldNames.map { $0.lowercased() }
            ),
            "remove-mailcontact": common.union(["identity"]),
        ]
    }()

    mutating func runCmdlet(_ call: ExchangeCall, tenant: Int) -> SimResponse {
        let key = call.cmdlet.lowercased()
        guard let allowed = Self.cmdletParameters[key] else {
            return ExchangeError.unknownCmdlet(call.cmdlet).response()
        }
        for name in call.parameters.keys.sorted() where !allowed.contains(name.lowercased()) && !name.contains("@odata")
        {
            return ExchangeError.unknownParameter(name).response()
        }
        switch key {
        case "get-mailcontact": return getContacts(call, tenant: tenant, contactView: false)
        case "get-contact": return getContacts(call, tenant: tenant, contactView: true)
        case "new-mailcontact": return newMailContact(call, tenant: tenant)
        case "set-mailcontact", "set-contact":
            return setContact(call, tenant: tenant, contactView: key == "set-contact")
        default: return removeMailContact(call, tenant: tenant)
        }
    }

    /// The success envelope.
    func exchangeResult(
        _ call: ExchangeCall,
        values: [JSONValue],
        warnings: [String] = [],
        nextOffset: Int? = nil
    ) -> SimResponse {
        var body: [String: JSONValue] = [:]
        body["@odata.context"] = .string(
            "\(call.base)/adminapi/beta/\(call.tenantPath)/$metadata#Collection(Exchange.GenericHashTable)"
        )
        body["@adminapi.warnings"] = .strings(warnings)
        body["value"] = .array(values)
        if let nextOffset {
            let tenantId = tenants.first { $0.matches(call.tenantPath) }?.tenantId ?? ""
            let token = PageToken([
                "h": .string(call.bodyHash), "t": .string(tenantId), "o": .number(Double(nextOffset)),
            ])
            body["@odata.nextLink"] = .string(
                "\(call.base)/adminapi/beta/\(call.tenantPath)/InvokeCommand?$skiptoken=\(token.encoded)"
            )
        }
        return SimResponse.json(200, .object(body), headers: [.contentType: ExchangeError.contentType])
    }
}
