#include "playback/Playlist.h"

#include <QFileInfo>

#include <cmath>

#include "messages/CodecsMessages.h"

namespace rushes::playback {

Playlist::Playlist(MediaProbe probe, QObject* parent) : QAbstractListModel(parent), m_probe(std::move(probe)) {}

void Playlist::setProbe(MediaProbe probe) { m_probe = std::move(probe); }

int Playlist::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_shots.size()); }

QString Playlist::rateText(codecs::Rational rate, const QLocale& locale) {
    if (!rate.valid()) return QStringLiteral("-");
    // Rounded to three decimals, then the shortest text that reads back as that value: 30000/1001
    // is "29.97", 24000/1001 "23.976", 24/1 "24".
    const double fps = std::round(rate.toDouble() * 1000.0) / 1000.0;
    QLocale shown(locale);
    shown.setNumberOptions(shown.numberOptions() | QLocale::OmitGroupSeparator);
    return shown.toString(fps, 'f', QLocale::FloatingPointShortest);
}

QString Playlist::warningText(const codecs::MediaInfo& info) {
    return messages::localWarnings(info).join(QStringLiteral("; "));
}

QVariant Playlist::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_shots.size()) return {};
    const Shot& s = m_shots[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return s.name;
    case PathRole: return s.path;
    case FramesRole: return qlonglong(s.info.frameCount);
    case WidthRole: return s.info.displayWindow.width > 0 ? s.info.displayWindow.width : s.info.width;
    case HeightRole: return s.info.displayWindow.height > 0 ? s.info.displayWindow.height : s.info.height;
    case FpsRole: return s.info.frameRate.toDouble();
    case RateTextRole: return rateText(s.info.frameRate, QLocale());  // shown in the session strip
    case CodecRole: return QString::fromStdString(s.info.codec);
    case ErrorRole: return s.error;
    case WarningRole:
        return s.warning;
    case TruncatedRole:
        return s.info.truncated;
    case CurrentRole: return index.row() == m_current;
    case DurationRole:
        return s.info.frameRate.valid() ? double(s.info.frameCount) / s.info.frameRate.toDouble() : 0.0;
    }
    return {};
}

QHash<int, QByteArray> Playlist::roleNames() const {
    return {{NameRole, "name"},          {PathRole, "path"},         {FramesRole, "frames"},
            {WidthRole, "width"},        {HeightRole, "height"},     {FpsRole, "fps"},
            {RateTextRole, "rateText"},  {CodecRole, "codec"},       {ErrorRole, "error"},
            {CurrentRole, "isCurrent"},  {DurationRole, "duration"}, {WarningRole, "warning"},
            {TruncatedRole, "truncated"}};
}

void Playlist::setCurrent(int row) {
    if (row < -1 || row >= m_shots.size()) return;
    if (row == m_current) return;
    const int old = m_current;
    m_current = row;
    if (old >= 0) emit dataChanged(index(old), index(old), {CurrentRole});
    if (row >= 0) emit dataChanged(index(row), index(row), {CurrentRole});
    emit currentChanged();
}

const Shot* Playlist::currentShot() const { return shot(m_current); }

const Shot* Playlist::shot(int row) const {
    return row >= 0 && row < m_shots.size() ? &m_shots[row] : nullptr;
}

int Playlist::add(const QStringList& paths) {
    int first = -1;
    for (const QString& path : paths) {
        if (path.isEmpty()) continue;
        Shot s;
        s.id = m_nextId++;
        s.path = path;
        s.name = QFileInfo(path).fileName();
        auto info = m_probe ? m_probe(path) : codecs::Result<codecs::MediaInfo>(codecs::Error{path.toStdString(), "no reader"});
        if (info) {
            s.info = info.value();
            if (s.info.frameCount <= 0)
                s.error = tr("%1: no frames to show").arg(path);
            else
                s.warning = warningText(s.info);
        } else {
            s.error = messages::localText(info.error());
            if (s.error.isEmpty()) s.error = tr("%1: cannot be opened").arg(path);
        }
        const int row = int(m_shots.size());
        beginInsertRows({}, row, row);
        m_shots.append(std::move(s));
        endInsertRows();
        if (first < 0) first = row;
    }
    if (first >= 0) {
        emit countChanged();
        emit shotsChanged();
    }
    return first;
}

void Playlist::remove(int row) {
    if (row < 0 || row >= m_shots.size()) return;
    beginRemoveRows({}, row, row);
    m_shots.removeAt(row);
    endRemoveRows();
    emit countChanged();
    emit shotsChanged();
    if (m_current == row) {
        m_current = -1;
        setCurrent(std::min(row, int(m_shots.size()) - 1));
        if (m_current == -1) emit currentChanged();
    } else if (m_current > row) {
        --m_current;
        emit currentChanged();
    }
}

void Playlist::move(int from, int to) {
    if (from < 0 || from >= m_shots.size() || to < 0 || to >= m_shots.size() || from == to) return;
    beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    m_shots.move(from, to);
    endMoveRows();
    if (m_current == from) m_current = to;
    else if (from < m_current && to >= m_current) --m_current;
    else if (from > m_current && to <= m_current) ++m_current;
    emit currentChanged();
    emit shotsChanged();
}

void Playlist::clear() {
    beginResetModel();
    m_shots.clear();
    m_current = -1;
    endResetModel();
    emit countChanged();
    emit currentChanged();
    emit shotsChanged();
}

void Playlist::setInputColourSpace(int row, const QString& space) {
    if (row < 0 || row >= m_shots.size()) return;
    m_shots[row].inputColourSpace = space;
    emit shotsChanged();
}

QVariantList Playlist::sessionShots() const {
    QVariantList list;
    for (const Shot& s : m_shots) {
        if (!s.error.isEmpty()) continue;
        const int w = s.info.displayWindow.width > 0 ? s.info.displayWindow.width : s.info.width;
        const int h = s.info.displayWindow.height > 0 ? s.info.displayWindow.height : s.info.height;
        list.append(QVariantMap{{QStringLiteral("name"), s.name},
                                {QStringLiteral("path"), s.path},
                                {QStringLiteral("frames"), qlonglong(s.info.frameCount)},
                                {QStringLiteral("width"), w},
                                {QStringLiteral("height"), h},
                                {QStringLiteral("fps"), s.info.frameRate.toDouble()}});
    }
    return list;
}

}  // namespace rushes::playback
