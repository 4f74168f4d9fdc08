import ArgumentParser
import M365SyncCLI

await M365SyncCommand.runAsMain()
