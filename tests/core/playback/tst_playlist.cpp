// The session playlist: probing, errors kept visible, current shot, moves, the budget's input.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "playback/Playlist.h"

using namespace rushes;
using namespace rushes::playback;

namespace {
codecs::Result<codecs::MediaInfo> fakeProbe(const QString& path) {
    if (path.contains("broken")) return codecs::Error{path.toStdString(), "moov atom not found"};
    codecs::MediaInfo info;
    info.path = path.toStdString();
    info.width = 1920;
    info.height = 1080;
    info.frameCount = path.contains("long") ? 1440 : 48;
    info.frameRate = path.contains("ntsc") ? codecs::Rational{24000, 1001} : codecs::Rational{25, 1};
    info.codec = "prores";
    return info;
}
}  // namespace

class TestPlaylist : public QObject {
    Q_OBJECT
private slots:
    void addKeepsErrorsVisible() {
        Playlist list(fakeProbe);
        QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy count(&list, &Playlist::countChanged);
        QCOMPARE(list.add({"/a/long_ntsc.mov", "/a/broken.mov", "/a/b.mov"}), 0);
        QCOMPARE(list.count(), 3);
        QCOMPARE(count.count(), 1);
        const QModelIndex bad = list.index(1);
        QVERIFY(list.data(bad, Playlist::ErrorRole).toString().contains("moov atom not found"));
        QVERIFY(list.data(bad, Playlist::ErrorRole).toString().contains("/a/broken.mov"));
        QCOMPARE(list.data(list.index(0), Playlist::NameRole).toString(), QString("long_ntsc.mov"));
        QCOMPARE(list.data(list.index(0), Playlist::RateTextRole).toString(), QString("23.976"));
        QCOMPARE(list.data(list.index(2), Playlist::RateTextRole).toString(), QString("25"));
        QCOMPARE(list.data(list.index(0), Playlist::FramesRole).toLongLong(), 1440);
        QVERIFY(qAbs(list.data(list.index(0), Playlist::DurationRole).toDouble() - 1440 * 1001 / 24000.0) < 1e-9);
        QCOMPARE(list.shot(0)->id != list.shot(2)->id, true);
    }

    void currentFollowsRemoveAndMove() {
        Playlist list(fakeProbe);
        QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        list.add({"/a.mov", "/b.mov", "/c.mov", "/d.mov"});
        QSignalSpy current(&list, &Playlist::currentChanged);
        list.setCurrent(2);
        QCOMPARE(current.count(), 1);
        QVERIFY(list.data(list.index(2), Playlist::CurrentRole).toBool());
        QCOMPARE(list.currentShot()->path, QString("/c.mov"));
        list.remove(0);
        QCOMPARE(list.current(), 1);
        QCOMPARE(list.currentShot()->path, QString("/c.mov"));
        list.move(1, 2);  // c after d
        QCOMPARE(list.current(), 2);
        QCOMPARE(list.currentShot()->path, QString("/c.mov"));
        list.remove(2);  // removing the current picks its neighbour
        QCOMPARE(list.current(), 1);
        QCOMPARE(list.currentShot()->path, QString("/d.mov"));
        list.setCurrent(7);  // out of range: ignored
        QCOMPARE(list.current(), 1);
        list.clear();
        QCOMPARE(list.current(), -1);
        QVERIFY(!list.currentShot());
    }

    void sessionShotsForTheBudget() {
        Playlist list(fakeProbe);
        list.add({"/s/long_ntsc.mov", "/s/broken.mov", "/s/b.mov"});
        const QVariantList shots = list.sessionShots();
        QCOMPARE(shots.size(), 2);  // the broken one cannot be budgeted
        const QVariantMap first = shots[0].toMap();
        QCOMPARE(first["name"].toString(), QString("long_ntsc.mov"));
        QCOMPARE(first["path"].toString(), QString("/s/long_ntsc.mov"));
        QCOMPARE(first["frames"].toLongLong(), 1440);
        QCOMPARE(first["width"].toInt(), 1920);
        QCOMPARE(first["height"].toInt(), 1080);
        QVERIFY(qAbs(first["fps"].toDouble() - 23.976) < 0.001);
    }

    void withoutAProbeEverythingIsAnError() {
        Playlist list;
        list.add({"/x.mov"});
        QVERIFY(!list.data(list.index(0), Playlist::ErrorRole).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPlaylist)
#include "tst_playlist.moc"
