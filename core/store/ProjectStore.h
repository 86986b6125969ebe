#pragma once
// The project store: one database per project (an SQLite file by default, or a shared
// PostgreSQL database for a studio). Features keep their data in it as versioned JSON
// documents; every save adds a revision, so nothing saved is ever lost.
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace rushes::store {

// Where a store lives. `location` is a file path (SQLite), or a PostgreSQL connection string
// such as "host=studio-db port=5432 user=rushes dbname=shows" (optionally prefixed "postgresql:").
struct StoreLocation {
    enum class Kind { SQLite, PostgreSQL };
    Kind kind = Kind::SQLite;
    QString path;  // SQLite
    QString host = QStringLiteral("localhost");
    int port = 5432;
    QString user, password, database;
    int connectTimeoutSeconds = 5;

    static StoreLocation parse(const QString& location);
    QString describe() const;  // for messages: the file, or host:port/database
};

struct Revision {
    int number = 0;
    QDateTime savedAt;
    QString comment;
};

class ProjectStore {
public:
    static constexpr int kSchemaVersion = 2;

    ~ProjectStore();
    ProjectStore(const ProjectStore&) = delete;
    ProjectStore& operator=(const ProjectStore&) = delete;

    // Opens (creating and migrating when needed). On failure returns null and sets *error to one
    // line naming the database and the cause; a server that does not answer fails within the
    // location's connect timeout.
    static std::unique_ptr<ProjectStore> open(const StoreLocation& location, QString* error);
    static std::unique_ptr<ProjectStore> open(const QString& location, QString* error) {
        return open(StoreLocation::parse(location), error);
    }

    int schemaVersion() const;
    const StoreLocation& location() const { return location_; }

    QStringList productions() const;
    // Saves a new revision of document (production, kind, name); returns the revision number or
    // 0 with *error set. The write is one transaction.
    int saveDocument(const QString& production, const QString& kind, const QString& name,
                     const QJsonObject& content, const QString& comment, QString* error);
    // The latest revision (revision 0) or the given one; nullopt with *error when absent.
    std::optional<QJsonObject> loadDocument(const QString& production, const QString& kind,
                                            const QString& name, int revision, QString* error) const;
    QStringList documents(const QString& production, const QString& kind) const;
    QList<Revision> revisions(const QString& production, const QString& kind, const QString& name) const;

private:
    ProjectStore() = default;
    bool migrate(QString* error);
    qint64 productionId(const QString& name, bool create, QString* error);
    qint64 productionIdConst(const QString& name) const;
    qint64 documentId(qint64 production, const QString& kind, const QString& name) const;
    QString describeError(const QString& what, const QString& cause) const;

    StoreLocation location_;
    QString connection_;
};

}  // namespace rushes::store
