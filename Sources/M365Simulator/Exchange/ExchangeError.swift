import HTTPTypes
import M365Primitives

/// The admin API's error envelope: `details[0].message` is `id|exception type|text`.
struct ExchangeError: Error, Sendable {
    var status = 400
    var code = "BadRequest"
    var exceptionType: String
    var text: String
    var detailCode = "Client"

    var detailMessage: String {
        let hash = exceptionType.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
        let id = "Ex" + String(hash & 0xFF_FFFF, radix: 16, uppercase: true).leftPadded(to: 6)
        return "\(id)|\(exceptionType)|\(text)"
    }

    func response(headers: HTTPFields = [:]) -> SimResponse {
        let body: JSONValue = [
            "error": [
                "code": .string(code),
                "message": "Error executing cmdlet",
                "details": [["code": .string(detailCode), "target": "", "message": .string(detailMessage)]],
                "innererror": [
                    "message": "Error executing cmdlet",
                    "type": "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
                    "stacktrace": "",
                ],
            ]
        ]
        var all = headers
        all[.contentType] = Self.contentType
        return SimResponse(status: .init(code: status), headers: all, body: body.serialized())
    }

    /// The `Content-Type` of every admin API answer.
    static let contentType =
        "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8"

    static func notFound(_ identity: String) -> ExchangeError {
        ExchangeError(
            status: 404,
            code: "NotFound",
            exceptionType: "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException",
            text:
                "The operation couldn't be performed because object '\(identity)' couldn't be found on 'AM0PR01A001DC01.EURPR01A001.PROD.OUTLOOK.COM'."
        )
    }

    static func duplicateName(_ name: String) -> ExchangeError {
        ExchangeError(
            exceptionType: "Microsoft.Exchange.Data.Directory.ADObjectAlreadyExistsException",
            text: "The name \"\(name)\" is being used by another recipient object. Please specify a unique name."
        )
    }

    static func proxyExists(_ address: String, owner: String) -> ExchangeError {
        ExchangeError(
            exceptionType: "Microsoft.Exchange.Data.Directory.ProxyAddressExistsException",
            text:
                "The proxy address \"SMTP:\(address)\" is already being used by the proxy addresses or LegacyExchangeDN of \"\(owner)\". Please choose another proxy address."
        )
    }

    static func aliasInUse(_ alias: String) -> ExchangeError {
        ExchangeError(
            exceptionType: "Microsoft.Exchange.Data.Directory.PropertyValueExistsException",
            text:
                "The value \"\(alias)\" of property \"Alias\" is used by another recipient object. Please specify a unique value."
        )
    }

    static func unknownParameter(_ name: String) -> ExchangeError {
        ExchangeError(
            exceptionType: "System.Management.Automation.ParameterBindingException",
            text: "A parameter cannot be found that matches parameter name '\(name)'."
        )
    }

    static func invalidArgument(_ parameter: String, _ reason: String) -> ExchangeError {
        ExchangeError(
            exceptionType: "System.Management.Automation.ParameterBindingValidationException",
            text: "Cannot validate argument on parameter '\(parameter)'. \(reason)"
        )
    }

    static func missingParameter(_ cmdlet: String, _ names: String) -> ExchangeError {
        ExchangeError(
            exceptionType: "System.Management.Automation.ParameterBindingException",
            text: "Cannot process command because of one or more missing mandatory parameters: \(names)."
        )
    }

    static func unknownCmdlet(_ name: String) -> ExchangeError {
        ExchangeError(
            exceptionType: "System.Management.Automation.CommandNotFoundException",
            text:
                "The term '\(name)' is not recognized as the name of a cmdlet, function, script file, or operable program."
        )
    }

    static func missingRole(_ name: String) -> ExchangeError {
        ExchangeError(
            status: 403,
            code: "Forbidden",
            exceptionType: "Microsoft.Exchange.Configuration.Tasks.CmdletAccessDeniedException",
            text: "The user \"app\" isn't assigned to any management roles that allow running the cmdlet '\(name)'."
        )
    }

    static func badFilter(_ reason: String) -> ExchangeError {
        ExchangeError(
            exceptionType: "Microsoft.Exchange.Management.Tasks.ThrowTerminatingErrorException",
            text:
                "Cannot bind parameter 'Filter' to the target. Exception setting \"Filter\": \"Invalid filter syntax. \(reason)\""
        )
    }

    static func badRequest(_ text: String) -> ExchangeError {
        ExchangeError(exceptionType: "System.ArgumentException", text: text)
    }

    /// The error an injected fault answers with: the body Exchange sends with that status (a missing role for 403,
    /// an unknown object for 404, a parameter binding error for 400, throttling for 429), else a service error.
    static func service(status: Int, retryAfter: Double?, cmdlet: String? = nil) -> ExchangeError {
        switch status {
        case 400: return unknownParameter("Unexpected")
        case 403: return missingRole(cmdlet ?? "Invoke-Command")
        case 404: return notFound("the requested object")
        case 429: return throttled(retryAfter: retryAfter.map(SimulatorEngine.formatRetryAfter) ?? "1")
        case 500:
            return ExchangeError(
                status: 500,
                code: "InternalServerError",
                exceptionType: "System.Exception",
                text: "An internal server error occurred.",
                detailCode: "Server"
            )
        default:
            return ExchangeError(
                status: status,
                code: "ServiceUnavailable",
                exceptionType: "Microsoft.Exchange.Admin.OData.Core.ServiceUnavailableException",
                text: "The service is temporarily unavailable. Please try again later.",
                detailCode: "Server"
            )
        }
    }

    static func throttled(retryAfter: String) -> ExchangeError {
        ExchangeError(
            status: 429,
            code: "TooManyRequests",
            exceptionType: "Microsoft.Exchange.Admin.OData.Core.ThrottlingException",
            text:
                "The request was throttled: the maximum number of concurrent requests per tenant has been exceeded. Retry after \(retryAfter) seconds.",
            detailCode: "Server"
        )
    }
}
