extension ConfigurationDecoder {
    /// `"metrics": {"textfile": "/var/lib/prometheus/node-exporter/m365sync.prom"}`.
    static func decodeMetrics(_ object: ObjectReader, resolve: (String) -> String) -> MetricsConfiguration {
        let textfile = object.requiredString(
            "textfile",
            hint: "the .prom file node_exporter's textfile collector reads, e.g. "
                + "\"/var/lib/prometheus/node-exporter/m365sync.prom\"",
            check: checkTextfile
        )
        object.finish()
        return MetricsConfiguration(textfile: resolve(textfile))
    }

    /// node_exporter reads only `*.prom` files, and the file is replaced through a temporary file beside it.
    static func checkTextfile(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        guard name.hasSuffix(".prom"), name.count > ".prom".count, !path.hasSuffix("/") else {
            return "expected a file name ending in \".prom\" (node_exporter's textfile collector reads only those), "
                + "found \"\(path)\""
        }
        return nil
    }
}
