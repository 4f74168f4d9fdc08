import M365Core
import Testing

@Suite struct MetricsConfigurationDecodingTests {
    private func global(metrics: String) -> String {
        """
        {"metrics": \(metrics), "tenants": {"contoso": {"tenantId": "contoso.onmicrosoft.com",
          "clientId": "11111111-2222-3333-4444-555555555555", "clientSecretFile": "s"}}}
        """
    }

    @Test func offByDefault() throws {
        let configuration = try #require(decodeGlobal(twoTenantsGlobal).configuration)
        #expect(configuration.metrics == nil)
    }

    @Test func textfileIsDecodedAndResolved() throws {
        let absolute = decodeGlobal(global(metrics: #"{"$comment": "x", "textfile": "/var/lib/p/m365sync.prom"}"#))
        #expect(absolute.issues.isEmpty, "\(absolute.issues)")
        #expect(absolute.configuration?.metrics == MetricsConfiguration(textfile: "/var/lib/p/m365sync.prom"))
        let relative = decodeGlobal(global(metrics: #"{"textfile": "../metrics/m.prom"}"#), directory: "/srv/conf")
        #expect(relative.configuration?.metrics?.textfile == "/srv/metrics/m.prom")
    }

    @Test func mistakesNameTheKeyAndTheExpectation() {
        #expect(
            error(at: ".metrics", in: decodeGlobal(global(metrics: "true")).issues)?.message
                == "expected an object, found a boolean"
        )
        #expect(
            error(at: ".metrics.textfile", in: decodeGlobal(global(metrics: "{}")).issues)?.message.hasPrefix(
                "missing required key \"textfile\""
            ) == true
        )
        #expect(
            error(at: ".metrics.textfile", in: decodeGlobal(global(metrics: #"{"textfile": "/tmp/m.txt"}"#)).issues)?
                .message == "expected a file name ending in \".prom\" (node_exporter's textfile collector reads only "
                + "those), found \"/tmp/m.txt\""
        )
        #expect(
            error(at: ".metrics.textfile", in: decodeGlobal(global(metrics: #"{"textfile": 5}"#)).issues)?.message
                == "expected a string, found a number"
        )
        let misspelt = decodeGlobal(global(metrics: #"{"textFile": "/m.prom"}"#))
        #expect(
            error(at: ".metrics.textFile", in: misspelt.issues)?.message.contains("did you mean \"textfile\"?") == true
        )
        #expect(misspelt.issues.allSatisfy { $0.file == "m365sync.json" })
    }
}
