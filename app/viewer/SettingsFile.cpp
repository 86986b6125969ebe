#include "viewer/SettingsFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

#include <atomic>

namespace rushes::viewer {

namespace {
std::atomic<bool> s_writable{true};

// Why a file QSettings reported as unreadable cannot be read, in words.
QString causeOf(QSettings::Status status, const QString& path) {
    if (status == QSettings::FormatError) return SettingsFile::tr("not a settings file the app can read");
    if (QFileInfo(path).isDir()) return SettingsFile::tr("it is a folder");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return file.errorString();
    return SettingsFile::tr("it cannot be read");
}

// `<path>.damaged-<date>`, with -2, -3... where an earlier one of that second is there.
QString keptName(const QString& path) {
    const QString base = path + QStringLiteral(".damaged-") +
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString name = base;
    for (int n = 2; QFileInfo::exists(name) || QFileInfo(name).isSymLink(); ++n)
        name = base + QLatin1Char('-') + QString::number(n);
    return name;
}
}  // namespace

bool SettingsFile::writable() {
    return s_writable.load();
}

SettingsFile::Check SettingsFile::check() {
    Check c;
    QSettings::Status status = QSettings::NoError;
    {
        const QSettings settings;  // written only when a value is set, which is not done here
        c.path = settings.fileName();
        // QSettings parses each section when it is first read: a damaged one is a FormatError only then.
        (void)settings.allKeys();
        status = settings.status();
    }
    const QFileInfo info(c.path);
    if (status == QSettings::NoError || (!info.exists() && !info.isSymLink())) return c;

    c.cause = causeOf(status, c.path);
    const QString kept = keptName(c.path);
    if (QDir().rename(c.path, kept)) {
        c.keptAs = kept;
        c.message = tr("The settings file %1 could not be read (%2). It is kept as %3 beside it, "
                       "and the app starts with new settings.")
                        .arg(QDir::toNativeSeparators(c.path), c.cause, QFileInfo(kept).fileName());
    } else {
        // Not moved (a read-only folder): leave it as it is, and write nothing over it.
        s_writable = false;
        c.message = tr("The settings file %1 could not be read (%2), nor moved aside. It is left as it is, "
                       "and settings (the recent files) are not saved this session.")
                        .arg(QDir::toNativeSeparators(c.path), c.cause);
    }
    return c;
}

}  // namespace rushes::viewer
