#include "store/ProjectStore.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace rushes::store {
namespace {

// Messages for the user: lupdate (translations/) files ProjectStoreTr::tr("...") calls under the macro's
// context, the one they are looked up in at run time. It cannot place a free tr() in a context.
struct ProjectStoreTr {
    Q_DECLARE_TR_FUNCTIONS(ProjectStore)
};

// Each entry migrates the schema from version i to i+1. SQLite and PostgreSQL differ only in
// how a row id is generated.
QStringList migrationSteps(int toVersion, bool postgres) {
    const QString id = postgres ? QStringLiteral("BIGSERIAL PRIMARY KEY")
                                : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT");
    switch (toVersion) {
        case 1:
            return {QStringLiteral("CREATE TABLE productions (id %1, name TEXT NOT NULL UNIQUE, "
                                   "created_at TEXT NOT NULL)")
                        .arg(id)};
        case 2:
            return {
                QStringLiteral("CREATE TABLE documents (id %1, production_id BIGINT NOT NULL "
                               "REFERENCES productions(id), kind TEXT NOT NULL, name TEXT NOT NULL, "
                               "latest_revision INTEGER NOT NULL, UNIQUE (production_id, kind, name))")
                    .arg(id),
                QStringLiteral("CREATE TABLE document_revisions (document_id BIGINT NOT NULL "
                               "REFERENCES documents(id), revision INTEGER NOT NULL, saved_at TEXT NOT NULL, "
                               "comment TEXT NOT NULL, content TEXT NOT NULL, "
                               "PRIMARY KEY (document_id, revision))")};
        default:
            return {};
    }
}

}  // namespace

StoreLocation StoreLocation::parse(const QString& location) {
    StoreLocation loc;
    QString text = location.trimmed();
    const bool prefixed = text.startsWith(QLatin1String("postgresql:"));
    if (prefixed) text = text.mid(11);
    if (!prefixed && !text.contains(QLatin1String("host=")) && !text.contains(QLatin1String("dbname="))) {
        loc.path = location;
        return loc;
    }
    loc.kind = Kind::PostgreSQL;
    for (const QString& pair : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq < 0) continue;
        const QString key = pair.left(eq), value = pair.mid(eq + 1);
        if (key == QLatin1String("host"))
            loc.host = value;
        else if (key == QLatin1String("port"))
            loc.port = value.toInt();
        else if (key == QLatin1String("user"))
            loc.user = value;
        else if (key == QLatin1String("password"))
            loc.password = value;
        else if (key == QLatin1String("dbname"))
            loc.database = value;
        else if (key == QLatin1String("connect_timeout"))
            loc.connectTimeoutSeconds = value.toInt();
    }
    return loc;
}

QString StoreLocation::describe() const {
    if (kind == Kind::SQLite) return path;
    return QStringLiteral("PostgreSQL %1:%2/%3").arg(host).arg(port).arg(database);
}

ProjectStore::~ProjectStore() {
    if (connection_.isEmpty()) return;
    {
        QSqlDatabase db = QSqlDatabase::database(connection_, false);
        if (db.isOpen()) db.close();
    }
    QSqlDatabase::removeDatabase(connection_);
}

QString ProjectStore::describeError(const QString& what, const QString& cause) const {
    return QStringLiteral("%1: %2: %3").arg(location_.describe(), what, cause.trimmed());
}

std::unique_ptr<ProjectStore> ProjectStore::open(const StoreLocation& location, QString* error) {
    std::unique_ptr<ProjectStore> store(new ProjectStore);
    store->location_ = location;
    store->connection_ = QStringLiteral("rushes-store-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const bool pg = location.kind == StoreLocation::Kind::PostgreSQL;
    const QString driver = pg ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        if (error)
            *error =
                store->describeError(ProjectStoreTr::tr("cannot open"),
                                     ProjectStoreTr::tr("the Qt SQL driver %1 is not installed").arg(driver));
        return nullptr;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, store->connection_);
    if (pg) {
        if (location.database.isEmpty()) {
            if (error)
                *error = store->describeError(ProjectStoreTr::tr("cannot connect"),
                                              ProjectStoreTr::tr("no dbname= in the connection string"));
            return nullptr;
        }
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setUserName(location.user);
        db.setPassword(location.password);
        db.setDatabaseName(location.database);
        db.setConnectOptions(
            QStringLiteral("connect_timeout=%1").arg(qMax(1, location.connectTimeoutSeconds)));
    } else {
        if (location.path.isEmpty()) {
            if (error) *error = ProjectStoreTr::tr("project store: no file name given");
            return nullptr;
        }
        db.setDatabaseName(location.path);
    }
    if (!db.open()) {
        const QString cause = db.lastError().text();
        if (error)
            *error =
                pg ? store->describeError(ProjectStoreTr::tr("cannot connect to the database server"), cause)
                   : store->describeError(ProjectStoreTr::tr("cannot open the project file"), cause);
        return nullptr;
    }
    if (!pg) QSqlQuery(db).exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    if (!store->migrate(error)) return nullptr;
    return store;
}

int ProjectStore::schemaVersion() const {
    QSqlQuery q(QSqlDatabase::database(connection_));
    if (!q.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !q.next()) return 0;
    return q.value(0).toInt();
}

bool ProjectStore::migrate(QString* error) {
    QSqlDatabase db = QSqlDatabase::database(connection_);
    const bool pg = location_.kind == StoreLocation::Kind::PostgreSQL;
    QSqlQuery q(db);
    if (!db.tables().contains(QStringLiteral("schema_version"))) {
        if (!q.exec(QStringLiteral(
                "CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL)"))) {
            if (error)
                *error = describeError(ProjectStoreTr::tr("cannot create the schema"), q.lastError().text());
            return false;
        }
    }
    const int current = schemaVersion();
    if (current > kSchemaVersion) {
        if (error)
            *error =
                describeError(ProjectStoreTr::tr("cannot open"),
                              ProjectStoreTr::tr("the store has schema version %1, newer than this Rushes "
                                                 "understands (%2); update Rushes")
                                  .arg(current)
                                  .arg(kSchemaVersion));
        return false;
    }
    for (int v = current + 1; v <= kSchemaVersion; ++v) {
        if (!db.transaction()) {
            if (error) *error = describeError(ProjectStoreTr::tr("cannot migrate"), db.lastError().text());
            return false;
        }
        bool ok = true;
        QString cause;
        for (const QString& sql : migrationSteps(v, pg)) {
            if (!q.exec(sql)) {
                ok = false;
                cause = q.lastError().text();
                break;
            }
        }
        if (ok) {
            q.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)"));
            q.addBindValue(v);
            q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
            ok = q.exec();
            if (!ok) cause = q.lastError().text();
        }
        if (!ok) {
            db.rollback();
            if (error)
                *error =
                    describeError(ProjectStoreTr::tr("cannot migrate to schema version %1").arg(v), cause);
            return false;
        }
        db.commit();
    }
    return true;
}

qint64 ProjectStore::productionIdConst(const QString& name) const {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("SELECT id FROM productions WHERE name = ?"));
    q.addBindValue(name);
    if (q.exec() && q.next()) return q.value(0).toLongLong();
    return 0;
}

qint64 ProjectStore::productionId(const QString& name, bool create, QString* error) {
    if (const qint64 id = productionIdConst(name)) return id;
    if (!create) return 0;
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("INSERT INTO productions (name, created_at) VALUES (?, ?)"));
    q.addBindValue(name);
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!q.exec()) {
        if (error)
            *error = describeError(ProjectStoreTr::tr("cannot create production '%1'").arg(name),
                                   q.lastError().text());
        return 0;
    }
    return productionIdConst(name);
}

qint64 ProjectStore::documentId(qint64 production, const QString& kind, const QString& name) const {
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(QStringLiteral("SELECT id FROM documents WHERE production_id = ? AND kind = ? AND name = ?"));
    q.addBindValue(production);
    q.addBindValue(kind);
    q.addBindValue(name);
    if (q.exec() && q.next()) return q.value(0).toLongLong();
    return 0;
}

QStringList ProjectStore::productions() const {
    QStringList out;
    QSqlQuery q(QSqlDatabase::database(connection_));
    if (q.exec(QStringLiteral("SELECT name FROM productions ORDER BY name")))
        while (q.next()) out << q.value(0).toString();
    return out;
}

int ProjectStore::saveDocument(const QString& production, const QString& kind, const QString& name,
                               const QJsonObject& content, const QString& comment, QString* error) {
    QSqlDatabase db = QSqlDatabase::database(connection_);
    if (!db.isOpen()) {
        if (error)
            *error = describeError(ProjectStoreTr::tr("cannot save"),
                                   ProjectStoreTr::tr("the database connection is closed"));
        return 0;
    }
    if (!db.transaction()) {
        if (error) *error = describeError(ProjectStoreTr::tr("cannot save"), db.lastError().text());
        return 0;
    }
    auto fail = [&](const QString& cause) {
        db.rollback();
        if (error) *error = describeError(ProjectStoreTr::tr("cannot save %1 '%2'").arg(kind, name), cause);
        return 0;
    };
    QString err;
    const qint64 prod = productionId(production, true, &err);
    if (!prod) return fail(err);
    QSqlQuery q(db);
    qint64 doc = documentId(prod, kind, name);
    int revision = 1;
    if (!doc) {
        q.prepare(QStringLiteral(
            "INSERT INTO documents (production_id, kind, name, latest_revision) VALUES (?, ?, ?, 1)"));
        q.addBindValue(prod);
        q.addBindValue(kind);
        q.addBindValue(name);
        if (!q.exec()) return fail(q.lastError().text());
        doc = documentId(prod, kind, name);
        if (!doc) return fail(ProjectStoreTr::tr("the new document has no id"));
    } else {
        q.prepare(QStringLiteral("SELECT latest_revision FROM documents WHERE id = ?"));
        q.addBindValue(doc);
        if (!q.exec() || !q.next()) return fail(q.lastError().text());
        revision = q.value(0).toInt() + 1;
        q.prepare(QStringLiteral("UPDATE documents SET latest_revision = ? WHERE id = ?"));
        q.addBindValue(revision);
        q.addBindValue(doc);
        if (!q.exec()) return fail(q.lastError().text());
    }
    q.prepare(
        QStringLiteral("INSERT INTO document_revisions (document_id, revision, saved_at, comment, content) "
                       "VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(doc);
    q.addBindValue(revision);
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    q.addBindValue(comment.isNull() ? QString(QLatin1String("")) : comment);  // a null QString binds as NULL
    q.addBindValue(QString::fromUtf8(QJsonDocument(content).toJson(QJsonDocument::Compact)));
    if (!q.exec()) return fail(q.lastError().text());
    if (!db.commit()) return fail(db.lastError().text());
    return revision;
}

std::optional<QJsonObject> ProjectStore::loadDocument(const QString& production, const QString& kind,
                                                      const QString& name, int revision,
                                                      QString* error) const {
    const qint64 prod = productionIdConst(production);
    const qint64 doc = prod ? documentId(prod, kind, name) : 0;
    if (!doc) {
        if (error)
            *error = describeError(
                ProjectStoreTr::tr("cannot load"),
                ProjectStoreTr::tr("no %1 '%2' in production '%3'").arg(kind, name, production));
        return std::nullopt;
    }
    QSqlQuery q(QSqlDatabase::database(connection_));
    if (revision > 0) {
        q.prepare(
            QStringLiteral("SELECT content FROM document_revisions WHERE document_id = ? AND revision = ?"));
        q.addBindValue(doc);
        q.addBindValue(revision);
    } else {
        q.prepare(QStringLiteral(
            "SELECT r.content FROM document_revisions r JOIN documents d ON d.id = r.document_id "
            "WHERE d.id = ? AND r.revision = d.latest_revision"));
        q.addBindValue(doc);
    }
    if (!q.exec() || !q.next()) {
        if (error)
            *error = describeError(ProjectStoreTr::tr("cannot load %1 '%2'").arg(kind, name),
                                   q.lastError().isValid() && !q.lastError().text().trimmed().isEmpty()
                                       ? q.lastError().text()
                                       : ProjectStoreTr::tr("no revision %1").arg(revision));
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument json = QJsonDocument::fromJson(q.value(0).toString().toUtf8(), &parse);
    if (parse.error != QJsonParseError::NoError || !json.isObject()) {
        if (error)
            *error =
                describeError(ProjectStoreTr::tr("cannot load %1 '%2'").arg(kind, name), parse.errorString());
        return std::nullopt;
    }
    return json.object();
}

QStringList ProjectStore::documents(const QString& production, const QString& kind) const {
    QStringList out;
    const qint64 prod = productionIdConst(production);
    if (!prod) return out;
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(
        QStringLiteral("SELECT name FROM documents WHERE production_id = ? AND kind = ? ORDER BY name"));
    q.addBindValue(prod);
    q.addBindValue(kind);
    if (q.exec())
        while (q.next()) out << q.value(0).toString();
    return out;
}

QList<Revision> ProjectStore::revisions(const QString& production, const QString& kind,
                                        const QString& name) const {
    QList<Revision> out;
    const qint64 prod = productionIdConst(production);
    const qint64 doc = prod ? documentId(prod, kind, name) : 0;
    if (!doc) return out;
    QSqlQuery q(QSqlDatabase::database(connection_));
    q.prepare(
        QStringLiteral("SELECT revision, saved_at, comment FROM document_revisions WHERE document_id = ? "
                       "ORDER BY revision"));
    q.addBindValue(doc);
    if (q.exec())
        while (q.next())
            out.append({q.value(0).toInt(), QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs),
                        q.value(2).toString()});
    return out;
}

}  // namespace rushes::store
