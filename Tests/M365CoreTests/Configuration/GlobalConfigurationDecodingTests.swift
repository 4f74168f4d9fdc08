import M365Core
import Testing

@Suite struct GlobalConfigurationDecodingTests {
    @Test func appliesDocumentedDefaults() throws {
        let result = decodeGlobal(twoTenantsGlobal)
        #expect(result.issues.isEmpty)
        let global = try #require(result.configuration)
        #expect(global.stateDirectory == "/var/lib/m365sync")
        #expect(global.maxConcurrentJobs == 2)
        #expect(global.logging == LoggingConfiguration())
        #expect(global.logging.file.maxBytes == 10_485_760)
        #expect(global.logging.file.maxFiles == 5)
        #expect(global.logging.journald == LogBackendSettings(enabled: true, level: .info))
        #expect(global.logging.stderr == LogBackendSettings(enabled: false, level: .info))
        let contoso = try #require(global.tenants["contoso"])
        #expect(contoso.cloud == .global)
        #expect(contoso.endpoints == Cloud.global.endpoints)
        #expect(contoso.caFile == nil)
    }

    @Test func decodesEveryKey() throws {
        let result = decodeGlobal(
            """
            {
              "$schema": "schema/m365sync.schema.json",
              "$comment": ["global settings", "second line"],
              "stateDirectory": "state",
              "maxConcurrentJobs": 64,
              "logging": {
                "$comment": "logs",
                "journald": {"enabled": false, "level": "debug"},
                "file": {"enabled": true, "path": "../log/m.log", "level": "warning", "maxBytes": 65536, "maxFiles": 100},
                "stderr": {"enabled": true, "level": "trace"}
              },
              "tenants": {
                "gov": {
                  "tenantId": "0b5c2f4e-3a1d-4c7b-9e8f-123456789abc", "clientId": "0B5C2F4E-3A1D-4C7B-9E8F-123456789ABC",
                  "certificateFile": "certs/app.pem", "privateKeyFile": "/secure/app.key", "assertionAlgorithm": "RS256",
                  "cloud": "usgov",
                  "endpoints": {"graph": "http://127.0.0.1:8443/"},
                  "caFile": "./certs/../certs/ca.pem"
                }
              }
            }
            """,
            directory: "/srv/conf"
        )
        #expect(result.issues.isEmpty, "\(result.issues)")
        let global = try #require(result.configuration)
        #expect(global.stateDirectory == "/srv/conf/state")
        #expect(global.maxConcurrentJobs == 64)
        #expect(global.logging.journald == LogBackendSettings(enabled: false, level: .debug))
        #expect(
            global.logging.file
                == FileLogSettings(
                    enabled: true,
                    path: "/srv/log/m.log",
                    level: .warning,
                    maxBytes: 65_536,
                    maxFiles: 100
                )
        )
        #expect(global.logging.stderr == LogBackendSettings(enabled: true, level: .trace))
        let gov = try #require(global.tenants["gov"])
        #expect(gov.name == "gov")
        #expect(
            gov.credential
                == .certificate(
                    certificateFile: "/srv/conf/certs/app.pem",
                    privateKeyFile: "/secure/app.key",
                    algorithm: .rs256
                )
        )
        #expect(gov.cloud == .usgov)
        #expect(gov.endpoints.login == "https://login.microsoftonline.us")
        #expect(gov.endpoints.graph == "http://127.0.0.1:8443")
        #expect(gov.endpoints.exchange == "https://outlook.office365.us")
        #expect(gov.caFile == "/srv/conf/certs/ca.pem")
    }

    @Test func certificateCredentialDefaultsToPS256() throws {
        let global = try #require(decodeGlobal(twoTenantsGlobal).configuration)
        #expect(
            global.tenants["fabrikam"]?.credential
                == .certificate(
                    certificateFile: "/etc/m365sync/fabrikam.pem",
                    privateKeyFile: "/etc/m365sync/fabrikam.key",
                    algorithm: .ps256
                )
        )
    }

    @Test func listsFilesToCheckWithTheirPaths() {
        let references = decodeGlobal(twoTenantsGlobal).fileReferences
        #expect(references.count == 3)
        let secret = references.first { $0.role == .clientSecret }
        #expect(secret?.tenant == "contoso")
        #expect(secret?.path == ".tenants.contoso.clientSecretFile")
        #expect(secret?.written == "secrets/contoso.secret")
        #expect(secret?.resolved == "/etc/m365sync/secrets/contoso.secret")
        #expect(secret?.isSecret == true)
        #expect(secret?.mayComeFromCredentialsDirectory == false)
        let key = references.first { $0.role == .privateKey }
        #expect(key?.mayComeFromCredentialsDirectory == true)
        #expect(references.first { $0.role == .certificate }?.isSecret == false)
    }

    @Test func unknownKeySuggestsTheNearestKnownKey() {
        let result = decodeGlobal(
            """
            {"maxConcurentJobs": 3, "logging": {"file": {"maxbytes": 70000}}, "tenants": {"contoso": {
              "tenantId": "contoso.onmicrosoft.com", "clientId": "11111111-2222-3333-4444-555555555555",
              "clientSecretFle": "s", "zzz": 1}}}
            """
        )
        #expect(result.configuration == nil)
        #expect(
            error(at: ".maxConcurentJobs", in: result.issues)?.message
                == "unknown key \"maxConcurentJobs\"; did you mean \"maxConcurrentJobs\"?"
        )
        #expect(
            error(at: ".logging.file.maxbytes", in: result.issues)?.message
                == "unknown key \"maxbytes\"; did you mean \"maxBytes\"?"
        )
        #expect(
            error(at: ".tenants.contoso.clientSecretFle", in: result.issues)?.message
                == "unknown key \"clientSecretFle\"; did you mean \"clientSecretFile\"?"
        )
        #expect(
            error(at: ".tenants.contoso.zzz", in: result.issues)?.message.hasPrefix(
                "unknown key \"zzz\"; known keys: \"tenantId\""
            ) == true
        )
        #expect(result.issues.allSatisfy { $0.file == "m365sync.json" })
    }

    @Test func wrongTypesAndRangesNameWhatWasExpected() {
        let result = decodeGlobal(
            """
            {"stateDirectory": 5, "maxConcurrentJobs": 0,
             "logging": {"journald": {"enabled": "yes", "level": "verbose"},
                         "file": {"maxBytes": 1024, "maxFiles": 101}, "stderr": []},
             "tenants": {"contoso": {"tenantId": "contoso.onmicrosoft.com",
               "clientId": "11111111-2222-3333-4444-555555555555", "clientSecretFile": "s", "cloud": "gcc"}}}
            """
        )
        #expect(error(at: ".stateDirectory", in: result.issues)?.message == "expected a string, found a number")
        #expect(
            error(at: ".maxConcurrentJobs", in: result.issues)?.message == "expected an integer from 1 to 64, found 0"
        )
        #expect(
            error(at: ".logging.journald.enabled", in: result.issues)?.message
                == "expected true or false, found a string"
        )
        #expect(
            error(at: ".logging.journald.level", in: result.issues)?.message
                == "expected one of \"trace\", \"debug\", \"info\", \"notice\", \"warning\", \"error\" or \"critical\", found \"verbose\""
        )
        #expect(
            error(at: ".logging.file.maxBytes", in: result.issues)?.message
                == "expected an integer of at least 65536, found 1024"
        )
        #expect(
            error(at: ".logging.file.maxFiles", in: result.issues)?.message
                == "expected an integer from 1 to 100, found 101"
        )
        #expect(error(at: ".logging.stderr", in: result.issues)?.message == "expected an object, found an array")
        #expect(
            error(at: ".tenants.contoso.cloud", in: result.issues)?.message
                == "expected one of \"global\", \"usgov\", \"usgovdod\" or \"china\", found \"gcc\""
        )
        #expect(result.issues.count == 8)
    }

    @Test func inlineSecretIsRefusedWithAHint() {
        let result = decodeGlobal(
            """
            {"tenants": {"contoso": {"tenantId": "contoso.onmicrosoft.com",
              "clientId": "11111111-2222-3333-4444-555555555555", "clientSecret": "hunter2"}}}
            """
        )
        let issue = error(at: ".tenants.contoso.clientSecret", in: result.issues)
        #expect(issue?.message.contains("never written inline") == true)
        #expect(issue?.message.contains("\"clientSecretFile\"") == true)
        #expect(!result.issues.map(\.description).joined().contains("hunter2"))
    }

    @Test func tenantNeedsExactlyOneCredential() {
        let result = decodeGlobal(
            """
            {"tenants": {
              "none": {"tenantId": "a.example", "clientId": "11111111-2222-3333-4444-555555555555"},
              "both": {"tenantId": "a.example", "clientId": "11111111-2222-3333-4444-555555555555",
                       "clientSecretFile": "s", "certificateFile": "c"},
              "half": {"tenantId": "a.example", "clientId": "11111111-2222-3333-4444-555555555555", "certificateFile": "c"},
              "alg": {"tenantId": "a.example", "clientId": "11111111-2222-3333-4444-555555555555",
                      "clientSecretFile": "s", "assertionAlgorithm": "PS256"}
            }}
            """
        )
        #expect(
            error(at: ".tenants.none.clientSecretFile", in: result.issues)?.message.hasPrefix("missing credential")
                == true
        )
        #expect(error(at: ".tenants.both", in: result.issues)?.message.contains("exactly one credential") == true)
        #expect(
            error(at: ".tenants.half.privateKeyFile", in: result.issues)?.message.hasPrefix(
                "missing required key \"privateKeyFile\""
            ) == true
        )
        #expect(
            error(at: ".tenants.alg.assertionAlgorithm", in: result.issues)?.message.contains("only to certificate")
                == true
        )
    }

    @Test func missingRequiredKeysAndBadIdentifiers() {
        let result = decodeGlobal(
            """
            {"tenants": {"contoso": {"clientSecretFile": "s"}, "bad name": {"tenantId": "not a domain",
              "clientId": "1234", "clientSecretFile": "s", "endpoints": {"login": "ftp://x", "graph": "https://"}}}}
            """
        )
        #expect(
            error(at: ".tenants.contoso.tenantId", in: result.issues)?.message
                == "missing required key \"tenantId\" (the tenant GUID or its verified domain)"
        )
        #expect(
            error(at: ".tenants.contoso.clientId", in: result.issues)?.message.hasPrefix(
                "missing required key \"clientId\""
            ) == true
        )
        #expect(
            error(at: ".tenants[\"bad name\"]", in: result.issues)?.message.hasPrefix(
                "invalid tenant name \"bad name\""
            ) == true
        )
        #expect(
            error(at: ".tenants[\"bad name\"].tenantId", in: result.issues)?.message.contains("found \"not a domain\"")
                == true
        )
        #expect(
            error(at: ".tenants[\"bad name\"].clientId", in: result.issues)?.message.hasPrefix("expected a GUID")
                == true
        )
        #expect(
            error(at: ".tenants[\"bad name\"].endpoints.login", in: result.issues)?.message.hasPrefix(
                "expected an absolute http(s) URL"
            ) == true
        )
        #expect(error(at: ".tenants[\"bad name\"].endpoints.graph", in: result.issues) != nil)
    }

    @Test func tenantsAreRequired() {
        let result = decodeGlobal("{}")
        #expect(error(at: ".tenants", in: result.issues)?.message.hasPrefix("missing required key \"tenants\"") == true)
        #expect(result.tenantNames == [])
    }

    @Test func duplicateKeysAndNonObjectsAreReported() {
        let result = decodeGlobal(#"{"maxConcurrentJobs": 2, "maxConcurrentJobs": 3, "tenants": {}}"#)
        #expect(
            error(at: ".maxConcurrentJobs", in: result.issues)?.message
                == "duplicate key \"maxConcurrentJobs\"; a key may appear only once"
        )
        #expect(error(at: ".tenants", in: result.issues)?.message == "must define at least one tenant")
        #expect(error(at: "", in: decodeGlobal("[]").issues)?.message == "expected an object, found an array")
    }

    @Test func malformedJSONNamesLineAndColumn() {
        let result = decodeGlobal("{\n  \"tenants\": {\n    \"a\": 1\n  }\n  \"x\": 2\n}")
        #expect(result.configuration == nil)
        #expect(result.tenantNames == nil)
        let issue = error(at: "", in: result.issues)
        #expect(
            issue?.description
                == "m365sync.json: malformed JSON at line 5, column 3: expected ',' or '}' after an object member"
        )
    }
}
