import Logging
import M365Core
import M365Logging
import Testing

@Suite struct StandardErrorBackendTests {
    @Test func writesShortHumanReadableLines() throws {
        let fixture = try LoggingFixture(stderr: LogBackendSettings(enabled: true, level: .info))
        fixture.logger().warning("Removals blocked", metadata: ["job": "sales", "target": "x@y.z"])
        let text = try fixture.stderrText()
        let line = try #require(text.split(separator: "\n").first)
        #expect(line.contains(" warning: Removals blocked job=sales target=x@y.z"))
        #expect(line.first?.isNumber == true)
    }

    @Test func interactiveTurnsStderrOnAtItsLevel() throws {
        let fixture = try LoggingFixture(stderr: LogBackendSettings(enabled: false, level: .notice), interactive: true)
        let logger = fixture.logger()
        logger.info("Hidden")
        logger.notice("Shown")
        let text = try fixture.stderrText()
        #expect(text.contains("Shown"))
        #expect(!text.contains("Hidden"))
    }

    @Test func disabledStderrWritesNothing() throws {
        let fixture = try LoggingFixture(
            file: FileLogSettings(enabled: true, level: .info),
            stderr: LogBackendSettings(enabled: false, level: .trace)
        )
        fixture.logger().error("Only in the file")
        #expect(try fixture.stderrText().isEmpty)
        #expect(try fixture.fileText().contains("Only in the file"))
    }

    @Test func eachBackendKeepsItsOwnLevel() throws {
        let fixture = try LoggingFixture(
            file: FileLogSettings(enabled: true, level: .debug),
            stderr: LogBackendSettings(enabled: true, level: .error)
        )
        let logger = fixture.logger()
        #expect(logger.logLevel == .debug)
        logger.debug("Debug detail")
        logger.error("Serious")
        #expect(try fixture.fileText().contains("Debug detail"))
        #expect(try fixture.fileText().contains("Serious"))
        #expect(!(try fixture.stderrText().contains("Debug detail")))
        #expect(try fixture.stderrText().contains("Serious"))
    }

    @Test func noBackendMeansNothingIsLogged() throws {
        let backends = try LogBackends(
            configuration: LoggingConfiguration(
                journald: LogBackendSettings(enabled: false, level: .info),
                file: FileLogSettings(enabled: false),
                stderr: LogBackendSettings(enabled: false, level: .info)
            ),
            label: "test",
            interactive: false
        )
        #expect(backends.isEmpty)
        #expect(backends.makeLogger().logLevel == .critical)
    }
}
