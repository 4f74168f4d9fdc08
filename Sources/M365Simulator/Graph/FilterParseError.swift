/// A `$filter` (OData) or `-Filter` (OPATH) the simulator cannot parse.
struct FilterParseError: Error {
    var message: String
}
