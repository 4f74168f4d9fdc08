import Foundation
import Logging
import M365Core
import M365Logging
import M365TestSupport
import Testing

@Suite struct ReconfigureTests {
    @Test func aNewConfigurationReachesLoggersMadeBefore() throws {
        let fixture = try LoggingFixture(file: FileLogSettings(enabled: true, level: .info))
        let logger = fixture.logger()
        logger.debug("Debug before")
        #expect(logger.logLevel == .info)

        var file = FileLogSettings(enabled: true, level: .debug)
        file.path = fixture.logPath
        try fixture.backends.reconfigure(
            LoggingConfiguration(
                journald: LogBackendSettings(enabled: false, level: .info),
                file: file,
                stderr: LogBackendSettings(enabled: true, level: .warning)
            )
        )
        #expect(logger.logLevel == .debug)
        logger.debug("Debug after")
        logger.warning("Warning after")
        let text = try fixture.fileText()
        #expect(!text.contains("Debug before"))
        #expect(text.contains("Debug after"))
        #expect(try fixture.stderrText().contains("Warning after"))
        #expect(!(try fixture.stderrText().contains("Debug after")))
    }

    @Test func aBrokenConfigurationLeavesTheBackendsInForce() throws {
        let fixture = try LoggingFixture(file: FileLogSettings(enabled: true, level: .info))
        try "not a folder".write(toFile: fixture.folder.appending("blocker"), atomically: false, encoding: .utf8)
        var file = FileLogSettings(enabled: true, level: .info)
        file.path = fixture.folder.appending("blocker/m365sync.log")
        #expect(throws: LoggingSetupError.self) {
            try fixture.backends.reconfigure(LoggingConfiguration(file: file))
        }
        fixture.logger().info("Still logged")
        #expect(try fixture.fileText().contains("Still logged"))
    }

    @Test func aLoggerMayStillChooseItsOwnLevel() throws {
        let fixture = try LoggingFixture(file: FileLogSettings(enabled: true, level: .trace))
        var logger = fixture.logger()
        logger.logLevel = .error
        logger.warning("Filtered by the logger")
        logger.error("Passed")
        let text = try fixture.fileText()
        #expect(!text.contains("Filtered by the logger"))
        #expect(text.contains("Passed"))
    }
}
