#include "BudgetController.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

#include "BudgetPdf.h"
#include "cost/BudgetReport.h"
#include "cost/ProductionFormat.h"
#include "store/ProjectStore.h"

namespace rushes::budget {
namespace {

using namespace rushes::cost;

// "labour.roles[0].dayRate" -> {"labour", "roles", 0, "dayRate"}
QVariantList splitPath(const QString& path) {
    QVariantList out;
    static const QRegularExpression token(QStringLiteral("([^.\\[\\]]+)|\\[(\\d+)\\]"));
    auto it = token.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedLength(2))
            out.append(m.captured(2).toInt());
        else
            out.append(m.captured(1));
    }
    return out;
}

QJsonValue getAt(const QJsonValue& node, const QVariantList& path, int depth = 0) {
    if (depth == path.size()) return node;
    if (path[depth].typeId() == QMetaType::Int)
        return getAt(node.toArray().at(path[depth].toInt()), path, depth + 1);
    return getAt(node.toObject().value(path[depth].toString()), path, depth + 1);
}

QJsonValue setAt(const QJsonValue& node, const QVariantList& path, const QJsonValue& value, int depth = 0) {
    if (depth == path.size()) return value;
    if (path[depth].typeId() == QMetaType::Int) {
        QJsonArray a = node.toArray();
        const int i = path[depth].toInt();
        while (a.size() <= i) a.append(QJsonValue());
        a[i] = setAt(a[i], path, value, depth + 1);
        return a;
    }
    QJsonObject o = node.toObject();
    // A plain number edited as a range: {min, likely, max} all at that number first.
    const QString key = path[depth].toString();
    if (node.isDouble() &&
        (key == QLatin1String("min") || key == QLatin1String("likely") || key == QLatin1String("max"))) {
        const double v = node.toDouble();
        o = QJsonObject{
            {QStringLiteral("min"), v}, {QStringLiteral("likely"), v}, {QStringLiteral("max"), v}};
    }
    o[key] = setAt(o.value(key), path, value, depth + 1);
    return o;
}

QString localPath(const QUrl& url) {
    return url.isLocalFile() ? url.toLocalFile() : url.toString();
}

QJsonArray throughputJson(const Hardware& h) {
    QJsonArray a;
    for (const Throughput& t : h.throughput)
        a.append(QJsonObject{{QStringLiteral("operation"), t.operation},
                             {QStringLiteral("backend"), t.backend},
                             {QStringLiteral("width"), t.width},
                             {QStringLiteral("height"), t.height},
                             {QStringLiteral("msPerFrame"), t.msPerFrame}});
    return a;
}

}  // namespace

BudgetController::BudgetController(QObject* parent) : QObject(parent) {
    storeLocation_ = qEnvironmentVariable("RUSHES_STORE");
    if (storeLocation_.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        storeLocation_ = QDir(dir).filePath(QStringLiteral("project.sqlite"));
    }
    // The production saved last in the project, or the example when there is none. A store that
    // cannot be read is left as it is (Save refuses to write to it) and the message says why.
    if (!loadSaved()) {
        replaceDocument(toJson(exampleProduction()));
        setStatus(loadError_.isEmpty()
                      ? tr("Example production: edit it, or use the shots open in the session")
                      : tr("The saved production cannot be opened (%1): showing the example; the project "
                           "store is left untouched")
                            .arg(loadError_));
    }
}

BudgetController::~BudgetController() {
    riskFuture_.waitForFinished();
    if (process_) {
        process_->disconnect(this);
        process_->kill();
        process_->waitForFinished(1000);
    }
}

void BudgetController::setStatus(const QString& s) {
    if (status_ == s) return;
    status_ = s;
    emit statusChanged();
}

void BudgetController::setStoreLocation(const QString& location) {
    if (storeLocation_ == location) return;
    storeLocation_ = location;
    emit storeLocationChanged();
}

void BudgetController::setCurrentScenario(int index) {
    if (index == current_) return;
    current_ = index;
    emit currentScenarioChanged();
    recompute();
}

QVariant BudgetController::valueAt(const QString& path) const {
    return getAt(doc_, splitPath(path)).toVariant();
}

void BudgetController::edit(const QString& path, const QJsonValue& value) {
    const bool was = modified();
    doc_ = setAt(doc_, splitPath(path), value).toObject();
    emit documentChanged();
    if (modified() != was) emit modifiedChanged();
    recompute();
}

void BudgetController::setText(const QString& path, const QString& text) {
    edit(path, text);
}

void BudgetController::setNumber(const QString& path, const QString& text) {
    bool ok = false;
    double v = QLocale().toDouble(text.trimmed(), &ok);
    if (!ok) v = QLocale::c().toDouble(text.trimmed(), &ok);
    edit(path, ok && std::isfinite(v) ? QJsonValue(v) : QJsonValue(text));
}

void BudgetController::setValue(const QString& path, const QVariant& value) {
    edit(path, QJsonValue::fromVariant(value));
}

void BudgetController::togglePass(int shot, const QString& task, bool on) {
    const QString path = QStringLiteral("shots[%1].passes").arg(shot);
    QStringList passes = getAt(doc_, splitPath(path)).toVariant().toStringList();
    passes.removeAll(task);
    if (on) passes.append(task);
    edit(path, QJsonArray::fromStringList(passes));
}

void BudgetController::setAiShare(int scenario, const QString& task, double share) {
    edit(QStringLiteral("scenarios[%1].aiShare.%2").arg(scenario).arg(task), qBound(0.0, share, 1.0));
}

void BudgetController::addShot() {
    QJsonArray shots = doc_.value(QStringLiteral("shots")).toArray();
    QJsonObject s{{QStringLiteral("name"), tr("Shot %1").arg(shots.size() + 1)},
                  {QStringLiteral("frames"), 100},
                  {QStringLiteral("width"), 1920},
                  {QStringLiteral("height"), 1080},
                  {QStringLiteral("fps"), 24},
                  {QStringLiteral("difficulty"), QStringLiteral("medium")},
                  {QStringLiteral("retime"), 2},
                  {QStringLiteral("passes"), QJsonArray{QStringLiteral("denoise")}}};
    if (!shots.isEmpty())
        s[QStringLiteral("passes")] = shots.last().toObject().value(QStringLiteral("passes"));
    shots.append(s);
    edit(QStringLiteral("shots"), shots);
}

void BudgetController::addRole() {
    QJsonArray roles = getAt(doc_, splitPath(QStringLiteral("labour.roles"))).toArray();
    roles.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("role%1").arg(roles.size() + 1)},
                             {QStringLiteral("name"), tr("New role")},
                             {QStringLiteral("dayRate"), 500},
                             {QStringLiteral("headcount"), 1},
                             {QStringLiteral("rampUpDays"), 0}});
    edit(QStringLiteral("labour.roles"), roles);
}

void BudgetController::addTask() {
    QJsonArray tasks = getAt(doc_, splitPath(QStringLiteral("labour.tasks"))).toArray();
    const QJsonArray roles = getAt(doc_, splitPath(QStringLiteral("labour.roles"))).toArray();
    tasks.append(QJsonObject{
        {QStringLiteral("id"), QStringLiteral("task%1").arg(tasks.size() + 1)},
        {QStringLiteral("name"), tr("New task")},
        {QStringLiteral("role"),
         roles.isEmpty() ? QString() : roles[0].toObject().value(QStringLiteral("id")).toString()},
        {QStringLiteral("operation"), QString()},
        {QStringLiteral("framesPerDay"),
         QJsonObject{
             {QStringLiteral("min"), 20}, {QStringLiteral("likely"), 30}, {QStringLiteral("max"), 40}}}});
    edit(QStringLiteral("labour.tasks"), tasks);
}

void BudgetController::addScenario() {
    QJsonArray sc = doc_.value(QStringLiteral("scenarios")).toArray();
    QJsonObject s = sc.isEmpty() ? QJsonObject{{QStringLiteral("hardware"), QString()},
                                               {QStringLiteral("aiShare"), QJsonObject{}}}
                                 : sc.last().toObject();
    s[QStringLiteral("name")] = tr("Scenario %1").arg(sc.size() + 1);
    sc.append(s);
    edit(QStringLiteral("scenarios"), sc);
}

void BudgetController::removeAt(const QString& listPath, int index) {
    QJsonArray a = getAt(doc_, splitPath(listPath)).toArray();
    if (index < 0 || index >= a.size()) return;
    a.removeAt(index);
    if (listPath == QLatin1String("scenarios") && current_ >= a.size()) {
        current_ = qMax(0, int(a.size()) - 1);
        emit currentScenarioChanged();
    }
    edit(listPath, a);
}

QVariantList BudgetController::gpuPresets() const {
    return pricePresets().value(QStringLiteral("gpu")).toArray().toVariantList();
}

void BudgetController::addHardwareFromPreset(int preset) {
    const QJsonArray presets = pricePresets().value(QStringLiteral("gpu")).toArray();
    if (preset < 0 || preset >= presets.size()) return;
    const QJsonObject p = presets[preset].toObject();
    QJsonArray hw = getAt(doc_, splitPath(QStringLiteral("compute.hardware"))).toArray();
    // Throughput comes from a bench; start from the first hardware's figures until one is imported.
    const QJsonArray tp =
        hw.isEmpty() ? QJsonArray() : hw[0].toObject().value(QStringLiteral("throughput")).toArray();
    hw.append(QJsonObject{{QStringLiteral("id"), p.value(QStringLiteral("id"))},
                          {QStringLiteral("name"), p.value(QStringLiteral("name"))},
                          {QStringLiteral("kind"), p.value(QStringLiteral("kind"))},
                          {QStringLiteral("pricing"), p.value(QStringLiteral("pricing"))},
                          {QStringLiteral("pricePerHour"), p.value(QStringLiteral("pricePerHour"))},
                          {QStringLiteral("units"), 1},
                          {QStringLiteral("source"), p.value(QStringLiteral("source"))},
                          {QStringLiteral("date"), p.value(QStringLiteral("date"))},
                          {QStringLiteral("throughput"), tp}});
    edit(QStringLiteral("compute.hardware"), hw);
}

void BudgetController::useSessionShots(const QVariantList& shots) {
    if (shots.isEmpty()) {
        setStatus(tr("No shots are open in the session"));
        return;
    }
    const QJsonArray old = doc_.value(QStringLiteral("shots")).toArray();
    const QJsonValue passes = old.isEmpty() ? QJsonValue(QJsonArray{QStringLiteral("denoise")})
                                            : old[0].toObject().value(QStringLiteral("passes"));
    QJsonArray out;
    for (const QVariant& v : shots) {
        const QVariantMap m = v.toMap();
        out.append(QJsonObject{{QStringLiteral("name"), m.value(QStringLiteral("name")).toString()},
                               {QStringLiteral("path"), m.value(QStringLiteral("path")).toString()},
                               {QStringLiteral("frames"), m.value(QStringLiteral("frames")).toInt()},
                               {QStringLiteral("width"), m.value(QStringLiteral("width")).toInt()},
                               {QStringLiteral("height"), m.value(QStringLiteral("height")).toInt()},
                               {QStringLiteral("fps"), m.value(QStringLiteral("fps")).toDouble()},
                               {QStringLiteral("difficulty"), QStringLiteral("medium")},
                               {QStringLiteral("retime"), 2},
                               {QStringLiteral("passes"), passes}});
    }
    edit(QStringLiteral("shots"), out);
    setStatus(tr("%n shot(s) taken from the session", nullptr, int(out.size())));
}

void BudgetController::replaceDocument(const QJsonObject& doc) {
    const bool was = modified();
    doc_ = doc;
    savedDoc_ = doc;
    if (was) emit modifiedChanged();
    current_ = 0;
    emit currentScenarioChanged();
    emit documentChanged();
    recompute();
}

void BudgetController::loadExample() {
    replaceDocument(toJson(exampleProduction()));
    setStatus(tr("Example production loaded"));
}

bool BudgetController::loadJson(const QByteArray& json) {
    QJsonParseError err;
    const QJsonDocument d = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !d.isObject()) {
        setStatus(
            tr("Not a production file: %1")
                .arg(err.error != QJsonParseError::NoError ? err.errorString() : tr("not a JSON object")));
        return false;
    }
    const ProductionRead read = readProduction(d.object());
    if (!read.issues.isEmpty() && read.issues.first().path == QLatin1String("version")) {
        setStatus(tr("Cannot open: version: %1").arg(read.issues.first().message));
        return false;
    }
    replaceDocument(d.object());  // other problems show at their fields
    return true;
}

bool BudgetController::openFile(const QUrl& url) {
    QFile f(localPath(url));
    if (!f.open(QIODevice::ReadOnly)) {
        setStatus(tr("%1: cannot read: %2").arg(f.fileName(), f.errorString()));
        return false;
    }
    if (!loadJson(f.readAll())) {
        setStatus(f.fileName() + QStringLiteral(": ") + status_);
        return false;
    }
    setStatus(tr("Opened %1").arg(f.fileName()));
    return true;
}

bool BudgetController::importShotsCsv(const QUrl& url) {
    QFile f(localPath(url));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        setStatus(tr("%1: cannot read: %2").arg(f.fileName(), f.errorString()));
        return false;
    }
    // name,frames,width,height,fps,difficulty,passes (separated by ;),retime - a header row names them.
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.isEmpty()) {
        setStatus(tr("%1: the file is empty").arg(f.fileName()));
        return false;
    }
    const QStringList header = lines[0].trimmed().toLower().split(QLatin1Char(','));
    const int cName = header.indexOf(QStringLiteral("name")),
              cFrames = header.indexOf(QStringLiteral("frames"));
    if (cName < 0 || cFrames < 0) {
        setStatus(tr("%1: line 1 needs a header with at least name and frames").arg(f.fileName()));
        return false;
    }
    auto col = [&](const QStringList& cells, const char* key) {
        const int i = header.indexOf(QLatin1String(key));
        return i >= 0 && i < cells.size() ? cells[i].trimmed() : QString();
    };
    QJsonArray shots;
    for (int l = 1; l < lines.size(); ++l) {
        const QStringList cells = lines[l].trimmed().split(QLatin1Char(','));
        bool ok = false;
        const int frames = col(cells, "frames").toInt(&ok);
        if (!ok || frames <= 0) {
            setStatus(tr("%1: line %2: frames '%3' is not a positive whole number")
                          .arg(f.fileName())
                          .arg(l + 1)
                          .arg(col(cells, "frames")));
            return false;
        }
        const QString w = col(cells, "width"), h = col(cells, "height"), fps = col(cells, "fps"),
                      d = col(cells, "difficulty"), p = col(cells, "passes"), rt = col(cells, "retime");
        shots.append(QJsonObject{
            {QStringLiteral("name"), col(cells, "name")},
            {QStringLiteral("frames"), frames},
            {QStringLiteral("width"), w.isEmpty() ? 1920 : w.toInt()},
            {QStringLiteral("height"), h.isEmpty() ? 1080 : h.toInt()},
            {QStringLiteral("fps"), fps.isEmpty() ? 24.0 : fps.toDouble()},
            {QStringLiteral("difficulty"), d.isEmpty() ? QStringLiteral("medium") : d},
            {QStringLiteral("passes"),
             QJsonArray::fromStringList(p.isEmpty() ? QStringList{QStringLiteral("denoise")}
                                                    : p.split(QLatin1Char(';'), Qt::SkipEmptyParts))},
            {QStringLiteral("retime"), rt.isEmpty() ? 2.0 : rt.toDouble()}});
    }
    edit(QStringLiteral("shots"), shots);
    setStatus(tr("%n shot(s) imported from %1", nullptr, int(shots.size())).arg(f.fileName()));
    return true;
}

namespace {
// Every number under `key` in any object of the document, in document order.
void collectMetric(const QJsonValue& v, const QString& key, QVector<double>* out) {
    if (v.isArray()) {
        for (const QJsonValue& x : v.toArray()) collectMetric(x, key, out);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key().compare(key, Qt::CaseInsensitive) == 0 && it.value().isDouble())
                out->append(it.value().toDouble());
            else
                collectMetric(it.value(), key, out);
        }
    }
}
}  // namespace

bool BudgetController::fixupFromMetrics(const QUrl& url, const QString& metric, double threshold) {
    QFile f(localPath(url));
    if (!f.open(QIODevice::ReadOnly)) {
        setStatus(tr("%1: cannot read: %2").arg(f.fileName(), f.errorString()));
        return false;
    }
    const QByteArray bytes = f.readAll();
    QVector<double> values;
    QJsonParseError err;
    const QJsonDocument json = QJsonDocument::fromJson(bytes, &err);
    if (err.error == QJsonParseError::NoError) {
        collectMetric(json.isArray() ? QJsonValue(json.array()) : QJsonValue(json.object()), metric, &values);
    } else {
        const QStringList lines = QString::fromUtf8(bytes).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList header =
            lines.isEmpty() ? QStringList() : lines[0].trimmed().toLower().split(QLatin1Char(','));
        const int col = header.indexOf(metric.toLower());
        if (col < 0) {
            setStatus(tr("%1: no '%2' column in the first line").arg(f.fileName(), metric));
            return false;
        }
        for (int l = 1; l < lines.size(); ++l) {
            const QStringList cells = lines[l].split(QLatin1Char(','));
            bool ok = false;
            const double v = col < cells.size() ? cells[col].trimmed().toDouble(&ok) : 0;
            // An unreadable value counts as failing: it is a frame nobody can vouch for.
            values.append(ok ? v : qQNaN());
        }
    }
    if (values.isEmpty()) {
        setStatus(tr("%1: no per-frame %2 values").arg(f.fileName(), metric));
        return false;
    }
    const double share = fixupShareFromMetrics(values, threshold);
    QJsonValue old = getAt(doc_, splitPath(QStringLiteral("ai.fixupShare")));
    const double oldMin = old.isObject() ? old[QStringLiteral("min")].toDouble(share)
                                         : (old.isDouble() ? old.toDouble() : share);
    const double oldMax = old.isObject() ? old[QStringLiteral("max")].toDouble(share)
                                         : (old.isDouble() ? old.toDouble() : share);
    edit(QStringLiteral("ai.fixupShare"), QJsonObject{{QStringLiteral("min"), qMin(oldMin, share)},
                                                      {QStringLiteral("likely"), share},
                                                      {QStringLiteral("max"), qMax(oldMax, share)}});
    setStatus(tr("Fix-up share %1%: %2 of %3 frames under %4 %5")
                  .arg(QLocale().toString(share * 100, 'f', 1))
                  .arg(qRound(share * values.size()))
                  .arg(values.size())
                  .arg(metric.toUpper())
                  .arg(QLocale().toString(threshold)));
    return true;
}

bool BudgetController::importBenchJson(const QByteArray& json, int hardware) {
    const QJsonArray hw = getAt(doc_, splitPath(QStringLiteral("compute.hardware"))).toArray();
    if (hardware < 0 || hardware >= hw.size()) {
        setStatus(tr("No hardware %1 to import the bench into").arg(hardware + 1));
        return false;
    }
    Hardware h;
    QString error;
    if (!importBench(json, &h, &error)) {
        setStatus(tr("Bench not imported: %1").arg(error));
        return false;
    }
    QJsonObject o = hw[hardware].toObject();
    o[QStringLiteral("throughput")] = throughputJson(h);
    o[QStringLiteral("source")] = h.source;
    o[QStringLiteral("date")] = QDate::currentDate().toString(Qt::ISODate);
    edit(QStringLiteral("compute.hardware[%1]").arg(hardware), o);
    setStatus(tr("Throughput measured: %1").arg(h.source));
    return true;
}

bool BudgetController::importBenchFile(const QUrl& url, int hardware) {
    QFile f(localPath(url));
    if (!f.open(QIODevice::ReadOnly)) {
        setStatus(tr("%1: cannot read: %2").arg(f.fileName(), f.errorString()));
        return false;
    }
    return importBenchJson(f.readAll(), hardware);
}

void BudgetController::measureThisMachine(int hardware) {
    if (process_) return;
    const QString cli = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("rushes-cli"));
    process_ = new QProcess(this);
    emit measuringChanged();
    setStatus(tr("Measuring this machine (rushes-cli bench)..."));
    connect(process_, &QProcess::finished, this, [this, hardware, cli](int code, QProcess::ExitStatus st) {
        const QByteArray out = process_->readAllStandardOutput();
        const QString err = QString::fromUtf8(process_->readAllStandardError()).trimmed();
        process_->deleteLater();
        process_ = nullptr;
        emit measuringChanged();
        if (st != QProcess::NormalExit || code != 0) {
            setStatus(tr("%1 bench failed (exit %2): %3")
                          .arg(cli)
                          .arg(code)
                          .arg(err.section(QLatin1Char('\n'), -1)));
            return;
        }
        importBenchJson(out, hardware);
    });
    connect(process_, &QProcess::errorOccurred, this, [this, cli](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart || !process_) return;
        setStatus(tr("Cannot run %1: %2").arg(cli, process_->errorString()));
        process_->deleteLater();
        process_ = nullptr;
        emit measuringChanged();
    });
    process_->start(cli, {QStringLiteral("bench"), QStringLiteral("--json")});
}

bool BudgetController::save() {
    QString error;
    auto store = store::ProjectStore::open(storeLocation_, &error);
    if (!store) {
        setStatus(tr("Not saved: %1").arg(error));
        return false;
    }
    QString name = doc_.value(QStringLiteral("name")).toString().trimmed();
    if (name.isEmpty()) name = tr("Untitled production");
    const int rev = store->saveDocument(name, QStringLiteral("budget"), QStringLiteral("main"), doc_,
                                        tr("saved from the Budget panel"), &error);
    if (!rev) {
        setStatus(tr("Not saved: %1").arg(error));
        return false;
    }
    // The production the panel opens next time.
    store->saveDocument(QStringLiteral("_session"), QStringLiteral("settings"), QStringLiteral("budget"),
                        QJsonObject{{QStringLiteral("production"), name}}, QString(), &error);
    setStatus(tr("Saved '%1', revision %2").arg(name).arg(rev));
    if (modified()) {
        savedDoc_ = doc_;
        emit modifiedChanged();
    }
    return true;
}

bool BudgetController::loadSaved() {
    loadError_.clear();
    if (!QFile::exists(storeLocation_) &&
        store::StoreLocation::parse(storeLocation_).kind == store::StoreLocation::Kind::SQLite)
        return false;
    QString error;
    const auto unreadable = [&] {
        loadError_ = error;
        setStatus(error);
        return false;
    };
    auto store = store::ProjectStore::open(storeLocation_, &error);
    if (!store) return unreadable();
    // No budget saved in this store yet: not an error.
    if (!store->documents(QStringLiteral("_session"), QStringLiteral("settings"))
             .contains(QStringLiteral("budget")))
        return false;
    const auto last = store->loadDocument(QStringLiteral("_session"), QStringLiteral("settings"),
                                          QStringLiteral("budget"), 0, &error);
    if (!last) return unreadable();
    const QString name = last->value(QStringLiteral("production")).toString();
    const auto doc = store->loadDocument(name, QStringLiteral("budget"), QStringLiteral("main"), 0, &error);
    if (!doc) return unreadable();
    replaceDocument(*doc);
    setStatus(tr("Opened '%1' from the project").arg(name));
    return true;
}

bool BudgetController::writeFile(const QUrl& url, const QByteArray& bytes) {
    QFile f(localPath(url));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size()) {
        setStatus(tr("%1: cannot write: %2").arg(f.fileName(), f.errorString()));
        return false;
    }
    setStatus(tr("Exported %1").arg(f.fileName()));
    return true;
}

bool BudgetController::exportJson(const QUrl& url) {
    return writeFile(url, QJsonDocument(doc_).toJson());
}

bool BudgetController::exportCsv(const QUrl& url) {
    if (!model_) {
        setStatus(tr("Fix the highlighted fields before exporting"));
        return false;
    }
    return writeFile(url, budgetReportCsv(*model_).toUtf8());
}

bool BudgetController::exportPdf(const QUrl& url) {
    if (!model_) {
        setStatus(tr("Fix the highlighted fields before exporting"));
        return false;
    }
    QString error;
    if (!writeBudgetPdf(localPath(url), *model_, QLocale(), &error)) {
        setStatus(error);
        return false;
    }
    setStatus(tr("Exported %1").arg(localPath(url)));
    return true;
}

QString BudgetController::money(double amount, int decimals) const {
    return formatMoney(QLocale(), amount, doc_.value(QStringLiteral("currency")).toString(), decimals);
}

QString BudgetController::number(double value, int decimals) const {
    if (!std::isfinite(value)) return QStringLiteral("—");
    return QLocale().toString(value, 'f', decimals);
}

void BudgetController::recompute() {
    QElapsedTimer timer;
    timer.start();
    const ProductionRead read = readProduction(doc_);
    issues_.clear();
    issueMap_.clear();
    for (const FieldIssue& i : read.issues) {
        issues_.append(QVariantMap{{QStringLiteral("path"), i.path}, {QStringLiteral("message"), i.message}});
        if (!issueMap_.contains(i.path)) issueMap_.insert(i.path, i.message);
    }
    results_.clear();
    tornado_.clear();
    breakEven_.clear();
    model_.reset();
    if (read.ok()) {
        model_ = std::make_unique<CostModel>(read.production);
        const Production& p = model_->production();
        const qint64 deadlineOffset = p.start.daysTo(p.deadline);
        const WorkCalendar calendar(p);
        for (const Scenario& s : p.scenarios) {
            const ScenarioResult r = model_->evaluate(s);
            results_.append(QVariantMap{
                {QStringLiteral("name"), s.name},
                {QStringLiteral("labour"), r.labour},
                {QStringLiteral("compute"), r.compute},
                {QStringLiteral("storage"), r.storage},
                {QStringLiteral("overhead"), r.overhead},
                {QStringLiteral("total"), r.total()},
                {QStringLiteral("perShot"), r.perShot},
                {QStringLiteral("perFrame"), r.perFrame},
                {QStringLiteral("effortDays"), r.effortDays},
                {QStringLiteral("paidDays"), r.paidDays},
                {QStringLiteral("computeHours"), r.computeHours},
                {QStringLiteral("computeDays"), r.computeCalendarDays},
                {QStringLiteral("labourDays"), r.labourWorkingDays},
                {QStringLiteral("finish"), QLocale().toString(r.finish, QLocale::ShortFormat)},
                {QStringLiteral("finishOffset"), p.start.daysTo(r.finish) + 1},
                {QStringLiteral("labourOffset"),
                 calendar.calendarOffset(r.labourWorkingDays) + (r.labourWorkingDays > 0 ? 1 : 0)},
                {QStringLiteral("computeOffset"), std::ceil(r.computeCalendarDays)},
                {QStringLiteral("deadlineOffset"), deadlineOffset + 1},
                {QStringLiteral("meetsDeadline"), r.meetsDeadline},
                {QStringLiteral("slack"), r.slackWorkingDays},
                {QStringLiteral("labourUtilisation"), r.labourUtilisation},
                {QStringLiteral("computeUtilisation"), r.computeUtilisation},
                {QStringLiteral("aiShare"), r.aiFrameShare}});
        }
        const int cur = qBound(0, current_, int(p.scenarios.size()) - 1);
        const Scenario& s = p.scenarios[cur];
        const double base = model_->evaluate(s).total();
        for (const TornadoBar& b : model_->tornado(s))
            if (b.swing() > 0)  // an input that cannot move this scenario is noise on the chart
                tornado_.append(QVariantMap{{QStringLiteral("label"), b.label},
                                            {QStringLiteral("path"), b.path},
                                            {QStringLiteral("low"), b.low - base},
                                            {QStringLiteral("high"), b.high - base},
                                            {QStringLiteral("swing"), b.swing()}});
        if (p.scenarios.size() > 1) {
            const Scenario& a = p.scenarios[0];
            const Scenario& b = cur == 0 ? p.scenarios[1] : s;
            const BreakEven be = model_->breakEven(a, b, 4, 41);
            QVariantList pts;
            double maxY = 0;
            for (const BreakEvenPoint& pt : be.curve) {
                pts.append(QVariantMap{{QStringLiteral("x"), pt.frames},
                                       {QStringLiteral("a"), pt.costA},
                                       {QStringLiteral("b"), pt.costB}});
                maxY = qMax(maxY, qMax(pt.costA, pt.costB));
            }
            breakEven_ =
                QVariantMap{{QStringLiteral("found"), be.found},
                            {QStringLiteral("frames"), be.frames},
                            {QStringLiteral("baseline"), a.name},
                            {QStringLiteral("scenario"), b.name},
                            {QStringLiteral("points"), pts},
                            {QStringLiteral("maxX"), be.curve.isEmpty() ? 1.0 : be.curve.last().frames},
                            {QStringLiteral("maxY"), maxY},
                            {QStringLiteral("today"), be.curve.size() > 10 ? be.curve[10].frames : 0.0}};
        }
    }
    lastMs_ = timer.nsecsElapsed() / 1e6;
    emit recomputed();
    startRisk();
}

namespace {
struct RiskBundle {
    QList<RiskResult> risks;
    QList<ComparisonRow> comparison;
};
}  // namespace

void BudgetController::startRisk() {
    const int generation = ++generation_;
    if (!model_) {
        riskPending_ = false;
        risk_.clear();
        comparison_.clear();
        emit riskChanged();
        return;
    }
    riskPending_ = true;
    emit riskChanged();
    const Production production = model_->production();
    const QLocale locale;
    auto bundle = std::make_shared<RiskBundle>();
    riskFuture_ = QtConcurrent::run([production, locale, bundle] {
        const CostModel model(production);
        for (const Scenario& s : production.scenarios)
            bundle->risks.append(model.monteCarlo(s, production.iterations, production.seed, 1));
        bundle->comparison = model.compare(locale, bundle->risks);
    });
    // The continuation runs on this object's thread, from its event loop.
    riskFuture_.then(this, [this, generation, bundle] {
        if (generation != generation_) return;  // an edit came in since: its own run follows
        applyRisk(bundle->risks, bundle->comparison);
    });
}

void BudgetController::applyRisk(const QList<RiskResult>& risks, const QList<ComparisonRow>& rows) {
    riskPending_ = false;
    comparison_.clear();
    for (const ComparisonRow& row : rows)
        comparison_.append(QVariantMap{{QStringLiteral("label"), row.label},
                                       {QStringLiteral("key"), row.key},
                                       {QStringLiteral("cells"), row.cells}});
    risk_.clear();
    const Production& p = model_->production();
    const int cur = qBound(0, current_, int(p.scenarios.size()) - 1);
    if (cur < risks.size()) {
        const RiskResult& rr = risks[cur];
        const Scenario& s = p.scenarios[cur];
        QVariantList hist, curve;
        if (!rr.costs.isEmpty()) {
            const double lo = rr.costs.first(), hi = rr.costs.last();
            constexpr int kBins = 40;
            QVector<int> bins(kBins, 0);
            const double width = hi > lo ? (hi - lo) / kBins : 1;
            for (double c : rr.costs) bins[qBound(0, int((c - lo) / width), kBins - 1)]++;
            const int peak = *std::max_element(bins.begin(), bins.end());
            for (int i = 0; i < kBins; ++i)
                hist.append(QVariantMap{{QStringLiteral("x"), lo + (i + 0.5) * width},
                                        {QStringLiteral("y"), double(bins[i]) / peak}});
            const int n = int(rr.costs.size());
            for (int k = 0; k <= 50; ++k) {
                const int idx = qMin(n - 1, k * (n - 1) / 50);
                curve.append(QVariantMap{{QStringLiteral("x"), rr.costs[idx]},
                                         {QStringLiteral("y"), double(idx + 1) / n}});
            }
            risk_ = QVariantMap{
                {QStringLiteral("p50"), rr.p50},
                {QStringLiteral("p80"), rr.p80},
                {QStringLiteral("p90"), rr.p90},
                {QStringLiteral("min"), lo},
                {QStringLiteral("max"), hi},
                {QStringLiteral("finishP50"), QLocale().toString(rr.finishP50, QLocale::ShortFormat)},
                {QStringLiteral("finishP80"), QLocale().toString(rr.finishP80, QLocale::ShortFormat)},
                {QStringLiteral("finishP90"), QLocale().toString(rr.finishP90, QLocale::ShortFormat)},
                {QStringLiteral("onTime"), rr.onTimeProbability},
                {QStringLiteral("iterations"), p.iterations},
                {QStringLiteral("seed"), QString::number(p.seed)},
                {QStringLiteral("histogram"), hist},
                {QStringLiteral("curve"), curve},
                {QStringLiteral("scenario"), s.name}};
        }
    }
    emit riskChanged();
}

bool BudgetController::waitForRisk(int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (riskPending_ && t.elapsed() < timeoutMs) {
        riskFuture_.waitForFinished();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return !riskPending_;
}

}  // namespace rushes::budget
