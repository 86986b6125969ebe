// The settings file at startup (SettingsFile::check): a damaged one is kept aside, byte for byte,
// and named in the message; a readable one, or none, is left alone; one that cannot be moved aside
// is not written over by the player's recent files.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "viewer/PlayerController.h"
#include "viewer/SettingsFile.h"

using rushes::viewer::PlayerController;
using rushes::viewer::SettingsFile;

class TestSettingsFile : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_config;  // stands for ~/.config: QSettings' user path points here

    static QString settingsPath() { return QSettings().fileName(); }
    static bool write(const QString& path, const QByteArray& bytes) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }
    static QByteArray read(const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    // What lies beside the settings file (its folder's entries).
    static QStringList folder() {
        return QDir(QFileInfo(settingsPath()).absolutePath())
            .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System | QDir::Hidden, QDir::Name);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_config.isValid());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("RushesTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_settings_file"));
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
        QVERIFY(settingsPath().startsWith(m_config.path()));
    }

    void cleanup() { QDir(QFileInfo(settingsPath()).absolutePath()).removeRecursively(); }

    void damagedFileIsKeptAndNamed_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\xfe\xfd binary\x00\x00", 16);
        QTest::newRow("garbage text")
            << QByteArray("[recent]\nfiles=/a/b.mov\n\x01\xff garbage [[[ \n=\n[unterminated\n");
        QTest::newRow("truncated INI")
            << QByteArray("[recent]\nfiles=/shots/a.mov, /shots/b.mov\n\n[view]\nexpo");
        QTest::newRow("zeroes") << QByteArray(4096, '\0');
    }
    void damagedFileIsKeptAndNamed() {
        QFETCH(QByteArray, bytes);
        const QString path = settingsPath();
        QVERIFY(write(path, bytes));

        const SettingsFile::Check c = SettingsFile::check();
        QCOMPARE(c.path, path);
        QVERIFY2(!c.cause.isEmpty(), qPrintable(c.message));
        // Kept beside it, byte for byte, and no longer in the settings file's place.
        QVERIFY2(!c.keptAs.isEmpty(), qPrintable(c.message));
        QCOMPARE(QFileInfo(c.keptAs).absolutePath(), QFileInfo(path).absolutePath());
        QVERIFY2(QFileInfo(c.keptAs).fileName().startsWith(QFileInfo(path).fileName() +
                                                           QStringLiteral(".damaged-")),
                 qPrintable(c.keptAs));
        QCOMPARE(read(c.keptAs), bytes);
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(SettingsFile::writable());
        // The message names the file, the cause and the copy.
        QVERIFY2(c.message.contains(QDir::toNativeSeparators(path)), qPrintable(c.message));
        QVERIFY2(c.message.contains(c.cause), qPrintable(c.message));
        QVERIFY2(c.message.contains(QFileInfo(c.keptAs).fileName()), qPrintable(c.message));

        // The app starts afresh: nothing of the damaged file is read, and saving makes a new file
        // while the kept one stays as it was.
        {
            QSettings settings;
            QCOMPARE(settings.allKeys(), QStringList());
            settings.setValue(QStringLiteral("recent/files"), QStringList{QStringLiteral("/new/shot.mov")});
            settings.sync();
            QCOMPARE(settings.status(), QSettings::NoError);
        }
        QCOMPARE(QSettings().value(QStringLiteral("recent/files")).toStringList(),
                 QStringList{QStringLiteral("/new/shot.mov")});
        QCOMPARE(read(c.keptAs), bytes);
        QCOMPARE(SettingsFile::check().message, QString());  // the new file reads
    }

    void readableFileIsLeftAlone() {
        const QString path = settingsPath();
        const QByteArray bytes("[recent]\nfiles=/shots/a.mov, /shots/b.mov\n");
        QVERIFY(write(path, bytes));
        const QDateTime modified = QFileInfo(path).lastModified();

        const SettingsFile::Check c = SettingsFile::check();
        QCOMPARE(c.path, path);
        QCOMPARE(c.message, QString());
        QCOMPARE(c.cause, QString());
        QCOMPARE(c.keptAs, QString());
        QCOMPARE(read(path), bytes);
        QCOMPARE(QFileInfo(path).lastModified(), modified);
        QCOMPARE(folder(), QStringList{QFileInfo(path).fileName()});
        QCOMPARE(QSettings().value(QStringLiteral("recent/files")).toStringList(),
                 (QStringList{QStringLiteral("/shots/a.mov"), QStringLiteral("/shots/b.mov")}));
    }

    void noFileIsLeftAlone() {
        const SettingsFile::Check c = SettingsFile::check();
        QCOMPARE(c.message, QString());
        QVERIFY(!QFileInfo::exists(settingsPath()));
        QCOMPARE(folder(), QStringList());
    }

    // A folder where the file should be (QSettings: AccessError) is moved aside too.
    void folderInItsPlaceIsKept() {
        const QString path = settingsPath();
        QVERIFY(QDir().mkpath(path));
        QVERIFY(write(path + QStringLiteral("/inside.txt"), "kept"));

        const SettingsFile::Check c = SettingsFile::check();
        QVERIFY2(!c.keptAs.isEmpty(), qPrintable(c.message));
        QCOMPARE(read(c.keptAs + QStringLiteral("/inside.txt")), QByteArray("kept"));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY2(c.message.contains(QDir::toNativeSeparators(path)), qPrintable(c.message));
        QVERIFY2(c.message.contains(QFileInfo(c.keptAs).fileName()), qPrintable(c.message));
    }

    // Damaged twice within a second: the second copy does not replace the first.
    void secondCopyKeepsTheFirst() {
        const QString path = settingsPath();
        QVERIFY(write(path, "\x01 first"));
        const SettingsFile::Check first = SettingsFile::check();
        QVERIFY(write(path, "\x02 second one"));
        const SettingsFile::Check second = SettingsFile::check();
        QVERIFY(!first.keptAs.isEmpty() && !second.keptAs.isEmpty());
        QVERIFY(first.keptAs != second.keptAs);
        QCOMPARE(read(first.keptAs), QByteArray("\x01 first"));
        QCOMPARE(read(second.keptAs), QByteArray("\x02 second one"));
    }

    // Last (it leaves SettingsFile::writable() false for the process): a damaged file that cannot be
    // moved aside is left as it is, the message says so, and the player's recent files are not
    // written over it. A 240-character name: its kept name (+24) is longer than a file name may be,
    // while QSettings' own temporary file (+7) is not, so QSettings alone would write over it.
    void unmovableFileIsNotWrittenOver() {
        QCoreApplication::setApplicationName(QString(235, QLatin1Char('n')));  // + ".conf"
        const QString path = settingsPath();
        const QByteArray bytes("\x00\x01 damaged and stuck", 20);
        QVERIFY(write(path, bytes));

        const SettingsFile::Check c = SettingsFile::check();
        QCOMPARE(c.keptAs, QString());
        QVERIFY(!SettingsFile::writable());
        QVERIFY2(c.message.contains(QDir::toNativeSeparators(path)), qPrintable(c.message));
        QCOMPARE(read(path), bytes);

        // A two-frame PNG sequence the player opens and would add to the recent files.
        QTemporaryDir media;
        QImage frame(16, 16, QImage::Format_RGB32);
        frame.fill(Qt::darkCyan);
        QVERIFY(frame.save(media.filePath(QStringLiteral("still.0001.png"))));
        QVERIFY(frame.save(media.filePath(QStringLiteral("still.0002.png"))));
        {
            PlayerController player;
            QSignalSpy saved(&player, &PlayerController::recentFilesChanged);
            QVERIFY(player.openPaths({media.filePath(QStringLiteral("still.0001.png"))}) >= 0);
            QVERIFY(saved.wait(10000));  // the player's save, a moment after the shot is up
            QCOMPARE(read(path), bytes);
            QVERIFY(!player.recentFiles().isEmpty());  // in memory for this session
            // ... and the player saves again when it goes.
        }
        QCOMPARE(read(path), bytes);
        QCOMPARE(folder(), QStringList{QFileInfo(path).fileName()});
    }
};

QTEST_MAIN(TestSettingsFile)
#include "tst_settings_file.moc"
