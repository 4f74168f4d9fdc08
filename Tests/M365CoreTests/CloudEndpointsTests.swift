import M365Core
import Testing

@Suite struct CloudEndpointsTests {
    @Test func globalCloudUsesDocumentedHosts() {
        let endpoints = Cloud.global.endpoints
        #expect(endpoints.login == "https://login.microsoftonline.com")
        #expect(endpoints.graph == "https://graph.microsoft.com")
        #expect(endpoints.exchange == "https://outlook.office365.com")
    }

    @Test func dodCloudHasItsOwnGraphHost() {
        #expect(Cloud.usgovdod.endpoints.graph == "https://dod-graph.microsoft.us")
        #expect(Cloud.usgovdod.endpoints.login == Cloud.usgov.endpoints.login)
    }

    @Test func endpointOverridesReplaceCloudDefaults() {
        let overridden = ServiceEndpoints(
            login: "http://127.0.0.1:1",
            graph: "http://127.0.0.1:1",
            exchange: "http://x"
        )
        let tenant = TenantConfiguration(
            name: "t",
            tenantId: "contoso.onmicrosoft.com",
            clientId: "c",
            credential: .clientSecret(file: "/s"),
            endpoints: overridden
        )
        #expect(tenant.endpoints == overridden)
    }
}
