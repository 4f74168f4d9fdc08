import GRDB

/// The database schema, as an ordered list of migrations that are never edited once released.
enum StateSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run (
                        job TEXT NOT NULL,
                        runId TEXT NOT NULL,
                        startedAt DOUBLE NOT NULL,
                        finishedAt DOUBLE,
                        status TEXT,
                        error TEXT,
                        addCount INTEGER NOT NULL DEFAULT 0,
                        updateCount INTEGER NOT NULL DEFAULT 0,
                        removeCount INTEGER NOT NULL DEFAULT 0,
                        unchangedCount INTEGER NOT NULL DEFAULT 0,
                        failedCount INTEGER NOT NULL DEFAULT 0,
                        skippedCount INTEGER NOT NULL DEFAULT 0,
                        blockedCount INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (job, runId)
                    );
                    CREATE INDEX run_by_job_and_start ON run(job, startedAt);
                    CREATE TABLE keyValue (
                        scope TEXT NOT NULL,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        updatedAt DOUBLE NOT NULL,
                        PRIMARY KEY (scope, key)
                    );
                    CREATE TABLE schedule (
                        job TEXT PRIMARY KEY NOT NULL,
                        nextRunAt DOUBLE,
                        updatedAt DOUBLE NOT NULL
                    );
                    """
            )
        }
        migrator.registerMigration("v2: photos") { db in
            try db.execute(
                sql: """
                    CREATE TABLE sourcePhoto (
                        scope TEXT NOT NULL,
                        sourceId TEXT NOT NULL,
                        etag TEXT,
                        contentType TEXT,
                        size INTEGER,
                        checkedAt DOUBLE NOT NULL,
                        PRIMARY KEY (scope, sourceId)
                    );
                    CREATE TABLE contactPhoto (
                        scope TEXT NOT NULL,
                        mailbox TEXT NOT NULL,
                        contactId TEXT NOT NULL,
                        sourceId TEXT NOT NULL,
                        etag TEXT NOT NULL,
                        uploadedAt DOUBLE NOT NULL,
                        PRIMARY KEY (scope, mailbox, contactId)
                    );
                    """
            )
        }
        migrator.registerMigration("v3: mirror") { db in
            try db.execute(
                sql: """
                    CREATE TABLE mirrorScope (
                        job TEXT NOT NULL,
                        scope TEXT NOT NULL,
                        deltaLink TEXT,
                        fingerprint TEXT,
                        fullReadAt DOUBLE,
                        needsFullRead INTEGER NOT NULL DEFAULT 0,
                        updatedAt DOUBLE NOT NULL,
                        PRIMARY KEY (job, scope)
                    );
                    CREATE TABLE mirrorObject (
                        job TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        id TEXT NOT NULL,
                        object TEXT NOT NULL,
                        PRIMARY KEY (job, kind, id)
                    );
                    CREATE TABLE mirrorContact (
                        job TEXT NOT NULL,
                        mailbox TEXT NOT NULL,
                        contactId TEXT NOT NULL,
                        sourceId TEXT NOT NULL,
                        createdDateTime TEXT,
                        stateHash TEXT,
                        data TEXT,
                        PRIMARY KEY (job, mailbox, contactId)
                    );
                    """
            )
        }
        return migrator
    }()
}
