#pragma once
// The shots open in a session, in order, with the one being reviewed. QtCore only.
#include <QAbstractListModel>
#include <QLocale>
#include <QStringList>
#include <QVariantList>

#include <functional>

#include "rushes/codecs/Media.h"
#include "rushes/codecs/Result.h"

namespace rushes::playback {

struct Shot {
    quint64 id = 0;           // unique in the session; keys the frame cache
    QString path;
    QString name;             // file name, or the sequence pattern's name
    codecs::MediaInfo info;
    QString error;            // why it cannot be played; empty when fine
    QString warning;          // what is wrong with it though it plays (a truncated movie); empty when nothing
    QString inputColourSpace; // empty: from metadata
};

using MediaProbe = std::function<codecs::Result<codecs::MediaInfo>(const QString& path)>;

class Playlist : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int current READ current WRITE setCurrent NOTIFY currentChanged)
public:
    enum Role {
        NameRole = Qt::UserRole + 1,
        PathRole,
        FramesRole,
        WidthRole,
        HeightRole,
        FpsRole,
        RateTextRole,
        CodecRole,
        ErrorRole,
        CurrentRole,
        DurationRole,
        WarningRole,
        TruncatedRole
    };

    explicit Playlist(MediaProbe probe = {}, QObject* parent = nullptr);
    void setProbe(MediaProbe probe);  // how paths are opened (the app passes the codecs reader)

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_shots.size()); }
    int current() const { return m_current; }
    void setCurrent(int row);
    const Shot* currentShot() const;
    const Shot* shot(int row) const;

    // Probes and appends each path; a file that cannot be opened is kept with its error so the
    // session shows why. Returns the row of the first added shot, or -1.
    int add(const QStringList& paths);
    void remove(int row);
    void move(int from, int to);
    void clear();
    void setInputColourSpace(int row, const QString& space);

    // {name, path, frames, width, height, fps} for each playable shot (the budget panel's input).
    QVariantList sessionShots() const;

    // What is wrong with a shot that plays, for a user, naming the file: the reader's warnings (a
    // truncated movie's frames that play and those its container lists) in the UI's language.
    // Empty when nothing is.
    static QString warningText(const codecs::MediaInfo& info);

    // "23.976", "24", "29.97": at most three decimals, no trailing zeros, no group separator. The C
    // locale by default, for what machines read; the model's rateText role and the player's are
    // for people and use the UI's locale (QLocale(): "29,97" in German).
    static QString rateText(codecs::Rational rate, const QLocale& locale = QLocale::c());

signals:
    void countChanged();
    void currentChanged();
    void shotsChanged();

private:
    MediaProbe m_probe;
    QList<Shot> m_shots;
    int m_current = -1;
    quint64 m_nextId = 1;
};

}  // namespace rushes::playback
