/// A literal in a `$filter` expression.
enum FilterLiteral: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case number(Double)
    case null
}

/// What a property path resolves to on an object.
enum FilterOperand: Sendable {
    case scalar(FilterLiteral)
    /// A collection; each element maps sub-paths (`""` for the element itself) to values.
    case collection([[String: FilterLiteral]])
    /// The property does not exist on the type.
    case unknown
}

/// A parsed `$filter` expression (the subset m365sync and its tests use).
indirect enum FilterExpression: Sendable {
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case not(FilterExpression)
    case compare(path: String, op: String, literal: FilterLiteral)
    case function(name: String, path: String, literal: FilterLiteral)
    case inList(path: String, values: [FilterLiteral])
    case any(path: String, variable: String, body: FilterExpression)

    /// Whether Graph treats it as an advanced query (needs `ConsistencyLevel: eventual` and `$count=true`).
    var isAdvanced: Bool {
        switch self {
        case .and(let a, let b), .or(let a, let b): return a.isAdvanced || b.isAdvanced
        case .not: return true
        case .compare(let path, let op, _):
            return op == "ne" || path.hasSuffix("/$count")
                || path.lowercased().hasPrefix("onpremisesextensionattributes/")
        case .function(let name, _, _): return name != "startswith"
        case .inList: return false
        case .any: return false
        }
    }

    /// Evaluates against an object whose properties `resolve` gives.
    func evaluate(_ resolve: (String) -> FilterOperand) -> Bool {
        switch self {
        case .and(let a, let b): return a.evaluate(resolve) && b.evaluate(resolve)
        case .or(let a, let b): return a.evaluate(resolve) || b.evaluate(resolve)
        case .not(let a): return !a.evaluate(resolve)
        case .compare(let path, let op, let literal):
            if path.hasSuffix("/$count") {
                guard case .collection(let items) = resolve(String(path.dropLast("/$count".count))) else {
                    return false
                }
                return Self.compare(.number(Double(items.count)), op, literal)
            }
            guard case .scalar(let value) = resolve(path) else { return false }
            return Self.compare(value, op, literal)
        case .function(let name, let path, let literal):
            guard case .scalar(.string(let value)) = resolve(path), case .string(let wanted) = literal else {
                return false
            }
            switch name {
            case "startswith": return value.lowercased().hasPrefix(wanted.lowercased())
            case "endswith": return value.lowercased().hasSuffix(wanted.lowercased())
            default: return value.lowercased().contains(wanted.lowercased())
            }
        case .inList(let path, let values):
            guard case .scalar(let value) = resolve(path) else { return false }
            return values.contains { Self.compare(value, "eq", $0) }
        case .any(let path, let variable, let body):
            guard case .collection(let items) = resolve(path) else { return false }
            return items.contains { item in
                body.evaluate { inner in
                    var key = inner
                    if key == variable {
                        key = ""
                    } else if key.hasPrefix(variable + "/") {
                        key = String(key.dropFirst(variable.count + 1))
                    }
                    return item[key].map { .scalar($0) } ?? .scalar(.null)
                }
            }
        }
    }

    /// Property paths the expression reads (for validation).
    var paths: [String] {
        switch self {
        case .and(let a, let b), .or(let a, let b): return a.paths + b.paths
        case .not(let a): return a.paths
        case .compare(let path, _, _): return [path.hasSuffix("/$count") ? String(path.dropLast(7)) : path]
        case .function(_, let path, _), .inList(let path, _), .any(let path, _, _): return [path]
        }
    }

    private static func compare(_ lhs: FilterLiteral, _ op: String, _ rhs: FilterLiteral) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return order(a.lowercased(), op, b.lowercased())
        case (.number(let a), .number(let b)): return order(a, op, b)
        default: return op == "eq" ? lhs == rhs : op == "ne" && lhs != rhs
        }
    }

    private static func order<Value: Comparable>(_ lhs: Value, _ op: String, _ rhs: Value) -> Bool {
        switch op {
        case "eq": return lhs == rhs
        case "ne": return lhs != rhs
        case "gt": return lhs > rhs
        case "ge": return lhs >= rhs
        case "lt": return lhs < rhs
        default: return lhs <= rhs
        }
    }
}
