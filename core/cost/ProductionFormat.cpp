#include "cost/ProductionFormat.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace rushes::cost {
namespace {

// Messages for the user: lupdate (translations/) files ProductionFormatTr::tr("...") calls under the macro's
// context, the one they are looked up in at run time. It cannot place a free tr() in a context.
struct ProductionFormatTr {
    Q_DECLARE_TR_FUNCTIONS(ProductionFormat)
};

QString at(const QString& path, const char* key) {
    return path.isEmpty() ? QString::fromLatin1(key) : path + QLatin1Char('.') + QLatin1String(key);
}
QString at(const QString& path, int index) {
    return path + QStringLiteral("[%1]").arg(index);
}

// Reads fields, recording a type problem at the field's path instead of failing.
class Reader {
public:
    explicit Reader(QList<FieldIssue>& issues) : issues_(issues) {}

    // Numbers beyond `limit` either way are refused: sums of them would overflow to infinity (a
    // 1e308 fringe printed every total as a dash).
    double number(const QJsonObject& o, const char* key, const QString& path, double fallback,
                  double limit = 1e12) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return fallback;
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            issue(at(path, key), ProductionFormatTr::tr("must be a number"));
            return fallback;
        }
        if (std::abs(v.toDouble()) > limit) {
            issue(at(path, key),
                  ProductionFormatTr::tr("is too large (got %1, at most %2)").arg(v.toDouble()).arg(limit));
            return fallback;
        }
        return v.toDouble();
    }
    int integer(const QJsonObject& o, const char* key, const QString& path, int fallback) {
        const double d = number(o, key, path, fallback);
        if (d != std::floor(d) || std::abs(d) > 2e9) {
            issue(at(path, key), ProductionFormatTr::tr("must be a whole number"));
            return fallback;
        }
        return int(d);
    }
    QString string(const QJsonObject& o, const char* key, const QString& path, const QString& fallback = {}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return fallback;
        if (!v.isString()) {
            issue(at(path, key), ProductionFormatTr::tr("must be text"));
            return fallback;
        }
        return v.toString();
    }
    QDate date(const QJsonObject& o, const char* key, const QString& path) {
        const QString s = string(o, key, path);
        if (s.isEmpty()) return {};
        const QDate d = QDate::fromString(s, Qt::ISODate);
        if (!d.isValid())
            issue(at(path, key), ProductionFormatTr::tr("'%1' is not a date (YYYY-MM-DD)").arg(s));
        return d;
    }
    Range range(const QJsonObject& o, const char* key, const QString& path, Range fallback = {}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return fallback;
        if (v.isDouble()) return Range::fixed(v.toDouble());
        if (!v.isObject()) {
            issue(at(path, key), ProductionFormatTr::tr("must be a number or {min, likely, max}"));
            return fallback;
        }
        const QJsonObject r = v.toObject();
        const QString p = at(path, key);
        Range out;
        out.likely = number(r, "likely", p, 0);
        out.min = number(r, "min", p, out.likely);
        out.max = number(r, "max", p, out.likely);
        return out;
    }
    QJsonArray array(const QJsonObject& o, const char* key, const QString& path) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) return {};
        if (!v.isArray()) issue(at(path, key), ProductionFormatTr::tr("must be a list"));
        return v.toArray();
    }
    QJsonObject object(const QJsonValue& v, const QString& path) {
        if (v.isUndefined() || v.isNull()) return {};
        if (!v.isObject()) issue(path, ProductionFormatTr::tr("must be an object"));
        return v.toObject();
    }
    void issue(const QString& path, const QString& message) { issues_.append({path, message}); }

private:
    QList<FieldIssue>& issues_;
};

QJsonValue rangeJson(const Range& r) {
    if (r.isFixed() && r.likely == r.min) return r.likely;
    return QJsonObject{
        {QStringLiteral("min"), r.min}, {QStringLiteral("likely"), r.likely}, {QStringLiteral("max"), r.max}};
}

void checkRange(QList<FieldIssue>& out, const Range& r, const QString& path, double lowest, bool positive,
                double highest = INFINITY) {
    if (!std::isfinite(r.min) || !std::isfinite(r.likely) || !std::isfinite(r.max)) {
        out.append({path, ProductionFormatTr::tr("must be a finite number")});
        return;
    }
    if (r.min > r.likely || r.likely > r.max)
        out.append({path, ProductionFormatTr::tr("needs min <= likely <= max (got %1 / %2 / %3)")
                              .arg(r.min)
                              .arg(r.likely)
                              .arg(r.max)});
    else if (positive && r.min <= 0)
        out.append({path, ProductionFormatTr::tr("must be more than zero (got %1)").arg(r.min)});
    else if (r.min < lowest)
        out.append({path, ProductionFormatTr::tr("must not be below %1 (got %2)").arg(lowest).arg(r.min)});
    else if (r.max > highest)
        out.append({path, ProductionFormatTr::tr("must not be above %1 (got %2)").arg(highest).arg(r.max)});
}

}  // namespace

ProductionRead readProduction(const QByteArray& json) {
    ProductionRead out;
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError) {
        out.issues.append({QString(), ProductionFormatTr::tr("not valid JSON: %1 at character %2")
                                          .arg(err.errorString())
                                          .arg(err.offset)});
        return out;
    }
    if (!doc.isObject()) {
        out.issues.append(
            {QString(), ProductionFormatTr::tr("not a Rushes production: the file is not a JSON object")});
        return out;
    }
    return readProduction(doc.object());
}

ProductionRead readProduction(const QJsonObject& o) {
    ProductionRead out;
    Reader rd(out.issues);
    Production& p = out.production;
    const QJsonValue version = o.value(QLatin1String("version"));
    if (!version.isDouble()) {
        out.issues.append({QStringLiteral("version"),
                           ProductionFormatTr::tr("missing: this is not a Rushes production file")});
        return out;
    }
    if (version.toInt() > Production::kFormatVersion) {
        out.issues.append(
            {QStringLiteral("version"),
             ProductionFormatTr::tr("version %1 is newer than this Rushes reads (%2); update Rushes")
                 .arg(version.toInt())
                 .arg(Production::kFormatVersion)});
        return out;
    }
    if (version.toInt() < 1) {
        out.issues.append(
            {QStringLiteral("version"),
             ProductionFormatTr::tr("version %1 is not a known format version").arg(version.toInt())});
        return out;
    }
    p.name = rd.string(o, "name", {});
    p.currency = rd.string(o, "currency", {}, p.currency);
    p.hoursPerDay = rd.number(o, "hoursPerDay", {}, p.hoursPerDay);
    if (o.contains(QLatin1String("workingDays"))) {
        p.workingDays.clear();
        const QJsonArray days = rd.array(o, "workingDays", {});
        for (int i = 0; i < days.size(); ++i) {
            if (!days[i].isDouble())
                rd.issue(at(QStringLiteral("workingDays"), i),
                         ProductionFormatTr::tr("must be a day number, Monday = 1"));
            else
                p.workingDays.append(days[i].toInt());
        }
    }
    const QJsonArray holidays = rd.array(o, "holidays", {});
    for (int i = 0; i < holidays.size(); ++i) {
        const QDate d = QDate::fromString(holidays[i].toString(), Qt::ISODate);
        if (!d.isValid())
            rd.issue(at(QStringLiteral("holidays"), i),
                     ProductionFormatTr::tr("must be a date (YYYY-MM-DD)"));
        else
            p.holidays.append(d);
    }
    p.start = rd.date(o, "start", {});
    p.deadline = rd.date(o, "deadline", {});

    const QJsonArray shots = rd.array(o, "shots", {});
    for (int i = 0; i < shots.size(); ++i) {
        const QString path = at(QStringLiteral("shots"), i);
        const QJsonObject s = rd.object(shots[i], path);
        Shot shot;
        shot.name = rd.string(s, "name", path);
        shot.path = rd.string(s, "path", path);
        shot.frames = rd.integer(s, "frames", path, 0);
        shot.width = rd.integer(s, "width", path, shot.width);
        shot.height = rd.integer(s, "height", path, shot.height);
        shot.fps = rd.number(s, "fps", path, shot.fps);
        shot.difficulty = rd.string(s, "difficulty", path, shot.difficulty);
        shot.retime = rd.number(s, "retime", path, shot.retime);
        for (const QJsonValue& v : rd.array(s, "passes", path)) shot.passes.append(v.toString());
        p.shots.append(shot);
    }

    const QJsonObject labour = rd.object(o.value(QLatin1String("labour")), QStringLiteral("labour"));
    const QString lp = QStringLiteral("labour");
    p.labour.fringePct = rd.number(labour, "fringePct", lp, 0);
    p.labour.supervisionPct = rd.number(labour, "supervisionPct", lp, 0);
    p.labour.overheadPct = rd.number(labour, "overheadPct", lp, 0);
    p.labour.reworkShare = rd.range(labour, "reworkShare", lp);
    const QJsonObject diff = rd.object(labour.value(QLatin1String("difficulty")), at(lp, "difficulty"));
    p.labour.easyFactor = rd.number(diff, "easy", at(lp, "difficulty"), p.labour.easyFactor);
    p.labour.mediumFactor = rd.number(diff, "medium", at(lp, "difficulty"), p.labour.mediumFactor);
    p.labour.hardFactor = rd.number(diff, "hard", at(lp, "difficulty"), p.labour.hardFactor);
    const QJsonArray roles = rd.array(labour, "roles", lp);
    for (int i = 0; i < roles.size(); ++i) {
        const QString path = at(at(lp, "roles"), i);
        const QJsonObject r = rd.object(roles[i], path);
        Role role;
        role.id = rd.string(r, "id", path);
        role.name = rd.string(r, "name", path, role.id);
        role.dayRate = rd.number(r, "dayRate", path, 0);
        role.headcount = rd.integer(r, "headcount", path, 1);
        role.rampUpDays = rd.number(r, "rampUpDays", path, 0);
        p.labour.roles.append(role);
    }
    const QJsonArray tasks = rd.array(labour, "tasks", lp);
    for (int i = 0; i < tasks.size(); ++i) {
        const QString path = at(at(lp, "tasks"), i);
        const QJsonObject t = rd.object(tasks[i], path);
        Task task;
        task.id = rd.string(t, "id", path);
        task.name = rd.string(t, "name", path, task.id);
        task.role = rd.string(t, "role", path);
        task.operation = rd.string(t, "operation", path);
        task.framesPerDay = rd.range(t, "framesPerDay", path);
        p.labour.tasks.append(task);
    }

    const QString ap = QStringLiteral("ai");
    const QJsonObject ai = rd.object(o.value(ap), ap);
    p.ai.qcRole = rd.string(ai, "qcRole", ap);
    p.ai.qcMinutesPerShot = rd.range(ai, "qcMinutesPerShot", ap);
    p.ai.fixupShare = rd.range(ai, "fixupShare", ap);
    p.ai.setupRole = rd.string(ai, "setupRole", ap);
    p.ai.setupDays = rd.number(ai, "setupDays", ap, 0);

    const QString cp = QStringLiteral("compute");
    const QJsonObject compute = rd.object(o.value(cp), cp);
    const QJsonArray hardware = rd.array(compute, "hardware", cp);
    for (int i = 0; i < hardware.size(); ++i) {
        const QString path = at(at(cp, "hardware"), i);
        const QJsonObject h = rd.object(hardware[i], path);
        Hardware hw;
        hw.id = rd.string(h, "id", path);
        hw.name = rd.string(h, "name", path, hw.id);
        hw.kind = rd.string(h, "kind", path, hw.kind);
        hw.pricing = rd.string(h, "pricing", path, hw.pricing);
        hw.pricePerHour = rd.range(h, "pricePerHour", path);
        hw.purchasePrice = rd.number(h, "purchasePrice", path, 0);
        hw.lifeYears = rd.number(h, "lifeYears", path, hw.lifeYears);
        hw.hoursPerYear = rd.number(h, "hoursPerYear", path, hw.hoursPerYear);
        hw.powerKw = rd.number(h, "powerKw", path, 0);
        hw.pricePerKwh = rd.number(h, "pricePerKwh", path, 0);
        hw.operationsPerYear = rd.number(h, "operationsPerYear", path, 0);
        hw.units = rd.integer(h, "units", path, 1);
        hw.source = rd.string(h, "source", path);
        hw.date = rd.string(h, "date", path);
        const QJsonArray tp = rd.array(h, "throughput", path);
        for (int j = 0; j < tp.size(); ++j) {
            const QString tpath = at(at(path, "throughput"), j);
            const QJsonObject t = rd.object(tp[j], tpath);
            Throughput th;
            th.operation = rd.string(t, "operation", tpath);
            th.backend = rd.string(t, "backend", tpath);
            th.width = rd.integer(t, "width", tpath, th.width);
            th.height = rd.integer(t, "height", tpath, th.height);
            th.msPerFrame = rd.number(t, "msPerFrame", tpath, 0);
            hw.throughput.append(th);
        }
        p.hardware.append(hw);
    }
    const QString sp = at(cp, "storage");
    const QJsonObject storage = rd.object(compute.value(QLatin1String("storage")), sp);
    p.storage.pricePerTBMonth = rd.number(storage, "pricePerTBMonth", sp, 0);
    p.storage.egressPerTB = rd.number(storage, "egressPerTB", sp, 0);
    p.storage.bytesPerPixel = rd.number(storage, "bytesPerPixel", sp, p.storage.bytesPerPixel);
    p.storage.copies = rd.number(storage, "copies", sp, p.storage.copies);
    p.storage.months = rd.number(storage, "months", sp, p.storage.months);

    const QJsonArray scenarios = rd.array(o, "scenarios", {});
    for (int i = 0; i < scenarios.size(); ++i) {
        const QString path = at(QStringLiteral("scenarios"), i);
        const QJsonObject s = rd.object(scenarios[i], path);
        Scenario sc;
        sc.name = rd.string(s, "name", path);
        sc.hardware = rd.string(s, "hardware", path);
        const QJsonObject share = rd.object(s.value(QLatin1String("aiShare")), at(path, "aiShare"));
        for (auto it = share.begin(); it != share.end(); ++it) {
            if (!it.value().isDouble())
                rd.issue(at(at(path, "aiShare"), it.key().toUtf8().constData()),
                         ProductionFormatTr::tr("must be a number"));
            else
                sc.aiShare.insert(it.key(), it.value().toDouble());
        }
        p.scenarios.append(sc);
    }
    const QString rp = QStringLiteral("risk");
    const QJsonObject risk = rd.object(o.value(rp), rp);
    p.iterations = rd.integer(risk, "iterations", rp, p.iterations);
    p.seed = quint64(rd.number(risk, "seed", rp, double(p.seed), 9007199254740992.0));  // 2^53: exact in JSON

    out.issues.append(validate(p));
    return out;
}

QList<FieldIssue> validate(const Production& p) {
    QList<FieldIssue> out;
    auto issue = [&](const QString& path, const QString& msg) { out.append({path, msg}); };
    if (p.currency.size() != 3 || p.currency.toUpper() != p.currency)
        issue(QStringLiteral("currency"),
              ProductionFormatTr::tr("must be a three-letter ISO code such as USD or EUR (got '%1')")
                  .arg(p.currency));
    if (!(p.hoursPerDay > 0 && p.hoursPerDay <= 24))
        issue(QStringLiteral("hoursPerDay"),
              ProductionFormatTr::tr("must be between 0 and 24 hours (got %1)").arg(p.hoursPerDay));
    if (p.workingDays.isEmpty())
        issue(QStringLiteral("workingDays"), ProductionFormatTr::tr("needs at least one working day"));
    for (int i = 0; i < p.workingDays.size(); ++i)
        if (p.workingDays[i] < 1 || p.workingDays[i] > 7)
            issue(QStringLiteral("workingDays[%1]").arg(i),
                  ProductionFormatTr::tr("must be a day number from 1 (Monday) to 7 (Sunday)"));
    if (!p.start.isValid()) issue(QStringLiteral("start"), ProductionFormatTr::tr("needs a start date"));
    if (!p.deadline.isValid()) issue(QStringLiteral("deadline"), ProductionFormatTr::tr("needs a deadline"));
    if (p.start.isValid() && p.deadline.isValid() && p.deadline < p.start)
        issue(QStringLiteral("deadline"),
              ProductionFormatTr::tr("%1 is before the start (%2)")
                  .arg(p.deadline.toString(Qt::ISODate), p.start.toString(Qt::ISODate)));
    for (int i = 0; i < p.shots.size(); ++i) {
        const Shot& s = p.shots[i];
        const QString path = QStringLiteral("shots[%1]").arg(i);
        if (s.frames <= 0)
            issue(path + QStringLiteral(".frames"),
                  ProductionFormatTr::tr("must be more than zero (got %1)").arg(s.frames));
        if (s.width <= 0 || s.width > 65536)
            issue(path + QStringLiteral(".width"),
                  ProductionFormatTr::tr("must be a width in pixels (got %1)").arg(s.width));
        if (s.height <= 0 || s.height > 65536)
            issue(path + QStringLiteral(".height"),
                  ProductionFormatTr::tr("must be a height in pixels (got %1)").arg(s.height));
        if (!(s.fps > 0))
            issue(path + QStringLiteral(".fps"),
                  ProductionFormatTr::tr("must be more than zero (got %1)").arg(s.fps));
        if (!(s.retime >= 1 && s.retime <= 16))
            issue(path + QStringLiteral(".retime"),
                  ProductionFormatTr::tr("must be a factor from 1 to 16 (got %1)").arg(s.retime));
        if (s.difficulty != QLatin1String("easy") && s.difficulty != QLatin1String("medium") &&
            s.difficulty != QLatin1String("hard"))
            issue(path + QStringLiteral(".difficulty"),
                  ProductionFormatTr::tr("must be easy, medium or hard (got '%1')").arg(s.difficulty));
        for (int j = 0; j < s.passes.size(); ++j)
            if (!p.task(s.passes[j]))
                issue(path + QStringLiteral(".passes[%1]").arg(j),
                      ProductionFormatTr::tr("'%1' is not a task in labour.tasks").arg(s.passes[j]));
    }
    const QString lp = QStringLiteral("labour.");
    const auto percent = [&](double v, const char* key) {
        if (!(v >= 0 && v <= 1000))
            issue(lp + QLatin1String(key),
                  ProductionFormatTr::tr("must be a percentage from 0 to 1000 (got %1)").arg(v));
    };
    percent(p.labour.fringePct, "fringePct");
    percent(p.labour.supervisionPct, "supervisionPct");
    percent(p.labour.overheadPct, "overheadPct");
    checkRange(out, p.labour.reworkShare, lp + QStringLiteral("reworkShare"), 0, false, 5);
    if (!(p.labour.easyFactor > 0))
        issue(lp + QStringLiteral("difficulty.easy"), ProductionFormatTr::tr("must be more than zero"));
    if (!(p.labour.mediumFactor > 0))
        issue(lp + QStringLiteral("difficulty.medium"), ProductionFormatTr::tr("must be more than zero"));
    if (!(p.labour.hardFactor > 0))
        issue(lp + QStringLiteral("difficulty.hard"), ProductionFormatTr::tr("must be more than zero"));
    // Roles and tasks are referred to by id, so each needs one, once.
    auto checkUniqueId = [&](const QString& path, const QString& id, QStringList& seen) {
        if (id.isEmpty())
            issue(path + QStringLiteral("id"), ProductionFormatTr::tr("needs an id"));
        else if (seen.contains(id))
            issue(path + QStringLiteral("id"), ProductionFormatTr::tr("'%1' is used twice").arg(id));
        seen << id;
    };
    QStringList ids;
    for (int i = 0; i < p.labour.roles.size(); ++i) {
        const Role& r = p.labour.roles[i];
        const QString path = lp + QStringLiteral("roles[%1].").arg(i);
        checkUniqueId(path, r.id, ids);
        if (!(r.dayRate >= 0) || !std::isfinite(r.dayRate))
            issue(path + QStringLiteral("dayRate"),
                  ProductionFormatTr::tr("must not be negative (got %1)").arg(r.dayRate));
        if (r.headcount < 1)
            issue(path + QStringLiteral("headcount"),
                  ProductionFormatTr::tr("needs at least one person (got %1)").arg(r.headcount));
        if (!(r.rampUpDays >= 0 && r.rampUpDays <= 3650))
            issue(path + QStringLiteral("rampUpDays"),
                  ProductionFormatTr::tr("must be from 0 to 3650 days (got %1)").arg(r.rampUpDays));
    }
    ids.clear();
    for (int i = 0; i < p.labour.tasks.size(); ++i) {
        const Task& t = p.labour.tasks[i];
        const QString path = lp + QStringLiteral("tasks[%1].").arg(i);
        checkUniqueId(path, t.id, ids);
        if (!p.role(t.role))
            issue(path + QStringLiteral("role"),
                  ProductionFormatTr::tr("'%1' is not a role in labour.roles").arg(t.role));
        if (!t.operation.isEmpty() && t.operation != QLatin1String("denoise") &&
            t.operation != QLatin1String("retime"))
            issue(path + QStringLiteral("operation"),
                  ProductionFormatTr::tr("must be empty, denoise or retime (got '%1')").arg(t.operation));
        checkRange(out, t.framesPerDay, path + QStringLiteral("framesPerDay"), 0, true);
    }
    const QString ap = QStringLiteral("ai.");
    checkRange(out, p.ai.qcMinutesPerShot, ap + QStringLiteral("qcMinutesPerShot"), 0, false);
    checkRange(out, p.ai.fixupShare, ap + QStringLiteral("fixupShare"), 0, false, 1);
    if (!p.ai.qcRole.isEmpty() && !p.role(p.ai.qcRole))
        issue(ap + QStringLiteral("qcRole"),
              ProductionFormatTr::tr("'%1' is not a role in labour.roles").arg(p.ai.qcRole));
    if (!p.ai.setupRole.isEmpty() && !p.role(p.ai.setupRole))
        issue(ap + QStringLiteral("setupRole"),
              ProductionFormatTr::tr("'%1' is not a role in labour.roles").arg(p.ai.setupRole));
    if (!(p.ai.setupDays >= 0 && p.ai.setupDays <= 3650))
        issue(ap + QStringLiteral("setupDays"),
              ProductionFormatTr::tr("must be from 0 to 3650 days (got %1)").arg(p.ai.setupDays));
    for (int i = 0; i < p.hardware.size(); ++i) {
        const Hardware& h = p.hardware[i];
        const QString path = QStringLiteral("compute.hardware[%1].").arg(i);
        if (h.id.isEmpty()) issue(path + QStringLiteral("id"), ProductionFormatTr::tr("needs an id"));
        if (h.pricing != QLatin1String("on_demand") && h.pricing != QLatin1String("spot") &&
            h.pricing != QLatin1String("on_prem"))
            issue(path + QStringLiteral("pricing"),
                  ProductionFormatTr::tr("must be on_demand, spot or on_prem (got '%1')").arg(h.pricing));
        if (h.units < 1)
            issue(path + QStringLiteral("units"),
                  ProductionFormatTr::tr("needs at least one unit (got %1)").arg(h.units));
        if (h.isCloud()) {
            checkRange(out, h.pricePerHour, path + QStringLiteral("pricePerHour"), 0, false);
        } else {
            if (!(h.purchasePrice >= 0))
                issue(path + QStringLiteral("purchasePrice"),
                      ProductionFormatTr::tr("must not be negative (got %1)").arg(h.purchasePrice));
            if (!(h.lifeYears > 0))
                issue(path + QStringLiteral("lifeYears"),
                      ProductionFormatTr::tr("must be more than zero (got %1)").arg(h.lifeYears));
            if (!(h.hoursPerYear > 0 && h.hoursPerYear <= 8784))
                issue(path + QStringLiteral("hoursPerYear"),
                      ProductionFormatTr::tr("must be between 0 and 8784 (got %1)").arg(h.hoursPerYear));
            if (!(h.powerKw >= 0))
                issue(path + QStringLiteral("powerKw"),
                      ProductionFormatTr::tr("must not be negative (got %1)").arg(h.powerKw));
            if (!(h.pricePerKwh >= 0))
                issue(path + QStringLiteral("pricePerKwh"),
                      ProductionFormatTr::tr("must not be negative (got %1)").arg(h.pricePerKwh));
            if (!(h.operationsPerYear >= 0))
                issue(path + QStringLiteral("operationsPerYear"),
                      ProductionFormatTr::tr("must not be negative (got %1)").arg(h.operationsPerYear));
        }
        for (int j = 0; j < h.throughput.size(); ++j) {
            const Throughput& t = h.throughput[j];
            const QString tp = path + QStringLiteral("throughput[%1].").arg(j);
            if (!(t.msPerFrame > 0))
                issue(tp + QStringLiteral("msPerFrame"),
                      ProductionFormatTr::tr("must be more than zero (got %1)").arg(t.msPerFrame));
            if (t.width <= 0 || t.height <= 0)
                issue(tp + QStringLiteral("width"), ProductionFormatTr::tr("needs a resolution"));
        }
    }
    const QString sp = QStringLiteral("compute.storage.");
    if (!(p.storage.pricePerTBMonth >= 0))
        issue(sp + QStringLiteral("pricePerTBMonth"),
              ProductionFormatTr::tr("must not be negative (got %1)").arg(p.storage.pricePerTBMonth));
    if (!(p.storage.egressPerTB >= 0))
        issue(sp + QStringLiteral("egressPerTB"),
              ProductionFormatTr::tr("must not be negative (got %1)").arg(p.storage.egressPerTB));
    if (!(p.storage.bytesPerPixel > 0))
        issue(sp + QStringLiteral("bytesPerPixel"), ProductionFormatTr::tr("must be more than zero"));
    if (!(p.storage.copies >= 0))
        issue(sp + QStringLiteral("copies"), ProductionFormatTr::tr("must not be negative"));
    if (!(p.storage.months >= 0))
        issue(sp + QStringLiteral("months"), ProductionFormatTr::tr("must not be negative"));
    if (p.scenarios.isEmpty())
        issue(QStringLiteral("scenarios"), ProductionFormatTr::tr("needs at least one scenario"));
    for (int i = 0; i < p.scenarios.size(); ++i) {
        const Scenario& s = p.scenarios[i];
        const QString path = QStringLiteral("scenarios[%1].").arg(i);
        if (s.name.isEmpty()) issue(path + QStringLiteral("name"), ProductionFormatTr::tr("needs a name"));
        const Hardware* hw = p.findHardware(s.hardware);
        bool anyAi = false;
        for (auto it = s.aiShare.begin(); it != s.aiShare.end(); ++it) {
            const QString ip = path + QStringLiteral("aiShare.") + it.key();
            const Task* t = p.task(it.key());
            if (!(it.value() >= 0 && it.value() <= 1))
                issue(ip, ProductionFormatTr::tr("must be a share from 0 to 1 (got %1)").arg(it.value()));
            if (!t) {
                issue(ip, ProductionFormatTr::tr("'%1' is not a task in labour.tasks").arg(it.key()));
                continue;
            }
            if (it.value() <= 0) continue;
            anyAi = true;
            if (t->operation.isEmpty())
                issue(ip, ProductionFormatTr::tr("'%1' is done by hand only: it has no compute operation")
                              .arg(it.key()));
            else if (hw && hw->msPerFrame(t->operation, 1920, 1080) < 0)
                issue(ip, ProductionFormatTr::tr("%1 has no measured throughput for %2: import a bench")
                              .arg(hw->name, t->operation));
        }
        if (anyAi && !hw)
            issue(path + QStringLiteral("hardware"),
                  ProductionFormatTr::tr("'%1' is not in compute.hardware").arg(s.hardware));
    }
    if (p.iterations < 1 || p.iterations > 1000000)
        issue(QStringLiteral("risk.iterations"),
              ProductionFormatTr::tr("must be from 1 to 1,000,000 (got %1)").arg(p.iterations));
    return out;
}

QJsonObject toJson(const Production& p) {
    QJsonObject o;
    o[QStringLiteral("format")] = QStringLiteral("rushes-production");
    o[QStringLiteral("version")] = Production::kFormatVersion;
    o[QStringLiteral("name")] = p.name;
    o[QStringLiteral("currency")] = p.currency;
    o[QStringLiteral("hoursPerDay")] = p.hoursPerDay;
    QJsonArray days;
    for (int d : p.workingDays) days.append(d);
    o[QStringLiteral("workingDays")] = days;
    QJsonArray holidays;
    for (const QDate& d : p.holidays) holidays.append(d.toString(Qt::ISODate));
    o[QStringLiteral("holidays")] = holidays;
    o[QStringLiteral("start")] = p.start.toString(Qt::ISODate);
    o[QStringLiteral("deadline")] = p.deadline.toString(Qt::ISODate);
    QJsonArray shots;
    for (const Shot& s : p.shots)
        shots.append(QJsonObject{{QStringLiteral("name"), s.name},
                                 {QStringLiteral("path"), s.path},
                                 {QStringLiteral("frames"), s.frames},
                                 {QStringLiteral("width"), s.width},
                                 {QStringLiteral("height"), s.height},
                                 {QStringLiteral("fps"), s.fps},
                                 {QStringLiteral("difficulty"), s.difficulty},
                                 {QStringLiteral("passes"), QJsonArray::fromStringList(s.passes)},
                                 {QStringLiteral("retime"), s.retime}});
    o[QStringLiteral("shots")] = shots;
    QJsonArray roles, tasks;
    for (const Role& r : p.labour.roles)
        roles.append(QJsonObject{{QStringLiteral("id"), r.id},
                                 {QStringLiteral("name"), r.name},
                                 {QStringLiteral("dayRate"), r.dayRate},
                                 {QStringLiteral("headcount"), r.headcount},
                                 {QStringLiteral("rampUpDays"), r.rampUpDays}});
    for (const Task& t : p.labour.tasks)
        tasks.append(QJsonObject{{QStringLiteral("id"), t.id},
                                 {QStringLiteral("name"), t.name},
                                 {QStringLiteral("role"), t.role},
                                 {QStringLiteral("operation"), t.operation},
                                 {QStringLiteral("framesPerDay"), rangeJson(t.framesPerDay)}});
    o[QStringLiteral("labour")] = QJsonObject{
        {QStringLiteral("fringePct"), p.labour.fringePct},
        {QStringLiteral("supervisionPct"), p.labour.supervisionPct},
        {QStringLiteral("overheadPct"), p.labour.overheadPct},
        {QStringLiteral("reworkShare"), rangeJson(p.labour.reworkShare)},
        {QStringLiteral("difficulty"), QJsonObject{{QStringLiteral("easy"), p.labour.easyFactor},
                                                   {QStringLiteral("medium"), p.labour.mediumFactor},
                                                   {QStringLiteral("hard"), p.labour.hardFactor}}},
        {QStringLiteral("roles"), roles},
        {QStringLiteral("tasks"), tasks}};
    o[QStringLiteral("ai")] =
        QJsonObject{{QStringLiteral("qcRole"), p.ai.qcRole},
                    {QStringLiteral("qcMinutesPerShot"), rangeJson(p.ai.qcMinutesPerShot)},
                    {QStringLiteral("fixupShare"), rangeJson(p.ai.fixupShare)},
                    {QStringLiteral("setupRole"), p.ai.setupRole},
                    {QStringLiteral("setupDays"), p.ai.setupDays}};
    QJsonArray hardware;
    for (const Hardware& h : p.hardware) {
        QJsonArray tp;
        for (const Throughput& t : h.throughput)
            tp.append(QJsonObject{{QStringLiteral("operation"), t.operation},
                                  {QStringLiteral("backend"), t.backend},
                                  {QStringLiteral("width"), t.width},
                                  {QStringLiteral("height"), t.height},
                                  {QStringLiteral("msPerFrame"), t.msPerFrame}});
        QJsonObject ho{{QStringLiteral("id"), h.id},         {QStringLiteral("name"), h.name},
                       {QStringLiteral("kind"), h.kind},     {QStringLiteral("pricing"), h.pricing},
                       {QStringLiteral("units"), h.units},   {QStringLiteral("throughput"), tp},
                       {QStringLiteral("source"), h.source}, {QStringLiteral("date"), h.date}};
        if (h.isCloud()) {
            ho[QStringLiteral("pricePerHour")] = rangeJson(h.pricePerHour);
        } else {
            ho[QStringLiteral("purchasePrice")] = h.purchasePrice;
            ho[QStringLiteral("lifeYears")] = h.lifeYears;
            ho[QStringLiteral("hoursPerYear")] = h.hoursPerYear;
            ho[QStringLiteral("powerKw")] = h.powerKw;
            ho[QStringLiteral("pricePerKwh")] = h.pricePerKwh;
            ho[QStringLiteral("operationsPerYear")] = h.operationsPerYear;
        }
        hardware.append(ho);
    }
    o[QStringLiteral("compute")] =
        QJsonObject{{QStringLiteral("hardware"), hardware},
                    {QStringLiteral("storage"),
                     QJsonObject{{QStringLiteral("pricePerTBMonth"), p.storage.pricePerTBMonth},
                                 {QStringLiteral("egressPerTB"), p.storage.egressPerTB},
                                 {QStringLiteral("bytesPerPixel"), p.storage.bytesPerPixel},
                                 {QStringLiteral("copies"), p.storage.copies},
                                 {QStringLiteral("months"), p.storage.months}}}};
    QJsonArray scenarios;
    for (const Scenario& s : p.scenarios) {
        QJsonObject share;
        for (auto it = s.aiShare.begin(); it != s.aiShare.end(); ++it) share[it.key()] = it.value();
        scenarios.append(QJsonObject{{QStringLiteral("name"), s.name},
                                     {QStringLiteral("hardware"), s.hardware},
                                     {QStringLiteral("aiShare"), share}});
    }
    o[QStringLiteral("scenarios")] = scenarios;
    o[QStringLiteral("risk")] =
        QJsonObject{{QStringLiteral("iterations"), p.iterations}, {QStringLiteral("seed"), double(p.seed)}};
    return o;
}

Production exampleProduction() {
    Production p;
    p.name = QStringLiteral("Harbour Lights (example)");
    p.currency = QStringLiteral("USD");
    p.start = QDate(2027, 1, 11);
    p.deadline = QDate(2027, 3, 26);
    p.holidays = {QDate(2027, 1, 18), QDate(2027, 2, 15)};
    struct S {
        const char* name;
        int frames, w, h;
        const char* diff;
        QStringList passes;
        double retime;
    };
    const QStringList dn{QStringLiteral("denoise")},
        dnRt{QStringLiteral("denoise"), QStringLiteral("retime")},
        dnPaint{QStringLiteral("denoise"), QStringLiteral("paint")},
        all{QStringLiteral("denoise"), QStringLiteral("retime"), QStringLiteral("paint"),
            QStringLiteral("roto")};
    const S shots[] = {{"HL_010_0010", 96, 1920, 1080, "easy", dn, 2},
                       {"HL_010_0020", 144, 1920, 1080, "medium", dnRt, 2},
                       {"HL_010_0030", 212, 3840, 2160, "hard", all, 2},
                       {"HL_020_0010", 88, 1920, 1080, "easy", dn, 2},
                       {"HL_020_0020", 176, 3840, 2160, "medium", dnPaint, 2},
                       {"HL_020_0030", 120, 1920, 1080, "medium", dnRt, 2.5},
                       {"HL_030_0010", 64, 1920, 1080, "hard", all, 2},
                       {"HL_030_0020", 240, 3840, 2160, "medium", dn, 2},
                       {"HL_030_0030", 132, 1920, 1080, "medium", dnPaint, 2},
                       {"HL_040_0010", 300, 3840, 2160, "hard", dnRt, 2},
                       {"HL_040_0020", 72, 1920, 1080, "easy", dnRt, 3},
                       {"HL_040_0030", 160, 1920, 1080, "medium", all, 2}};
    for (const S& s : shots) {
        Shot shot;
        shot.name = QString::fromLatin1(s.name);
        shot.frames = s.frames;
        shot.width = s.w;
        shot.height = s.h;
        shot.difficulty = QString::fromLatin1(s.diff);
        shot.passes = s.passes;
        shot.retime = s.retime;
        p.shots.append(shot);
    }
    p.labour.fringePct = 22;
    p.labour.supervisionPct = 10;
    p.labour.overheadPct = 15;
    p.labour.reworkShare = {0.05, 0.1, 0.25};
    p.labour.roles = {{QStringLiteral("comp"), QStringLiteral("Compositor"), 650, 4, 5},
                      {QStringLiteral("paint"), QStringLiteral("Paint & roto artist"), 450, 3, 3},
                      {QStringLiteral("td"), QStringLiteral("Pipeline TD"), 700, 1, 0}};
    p.labour.tasks = {
        {QStringLiteral("denoise"),
         QStringLiteral("Denoise / grain"),
         QStringLiteral("comp"),
         QStringLiteral("denoise"),
         {40, 60, 90}},
        {QStringLiteral("retime"),
         QStringLiteral("Retime"),
         QStringLiteral("comp"),
         QStringLiteral("retime"),
         {15, 25, 40}},
        {QStringLiteral("paint"),
         QStringLiteral("Paint-out"),
         QStringLiteral("paint"),
         QString(),
         {12, 20, 30}},
        {QStringLiteral("roto"), QStringLiteral("Roto"), QStringLiteral("paint"), QString(), {18, 30, 45}}};
    p.ai.qcRole = QStringLiteral("comp");
    p.ai.qcMinutesPerShot = {5, 10, 20};
    p.ai.fixupShare = {0.04, 0.1, 0.25};
    p.ai.setupRole = QStringLiteral("td");
    p.ai.setupDays = 3;
    Hardware cloud;
    cloud.id = QStringLiteral("h100-cloud");
    cloud.name = QStringLiteral("H100 cloud");
    cloud.pricing = QStringLiteral("on_demand");
    cloud.pricePerHour = {3.99, 6.16, 6.88};
    cloud.units = 4;
    cloud.source = QStringLiteral(
        "example figures: 3.99 Lambda, 6.16 CoreWeave on-demand, 6.88 AWS p5 (per GPU-hour); "
        "throughput assumed until a farm node's bench is imported");
    cloud.date = QStringLiteral("2026");
    cloud.throughput = {{QStringLiteral("denoise"), QStringLiteral("opencl"), 1920, 1080, 20},
                        {QStringLiteral("retime"), QStringLiteral("opencl"), 1920, 1080, 30}};
    Hardware ws;
    ws.id = QStringLiteral("workstation");
    ws.name = QStringLiteral("On-prem GPU workstation");
    ws.pricing = QStringLiteral("on_prem");
    ws.purchasePrice = 12000;
    ws.lifeYears = 3;
    ws.hoursPerYear = 8760;
    ws.powerKw = 0.8;
    ws.pricePerKwh = 0.25;
    ws.operationsPerYear = 1500;
    ws.units = 2;
    ws.source = QStringLiteral("example figures; use Measure this machine for real throughput");
    ws.date = QStringLiteral("2026");
    ws.throughput = {{QStringLiteral("denoise"), QStringLiteral("opencl"), 1920, 1080, 45},
                     {QStringLiteral("retime"), QStringLiteral("opencl"), 1920, 1080, 60}};
    p.hardware = {cloud, ws};
    p.storage = {23, 90, 6, 2, 3};
    p.scenarios = {{QStringLiteral("Manual"), QStringLiteral("h100-cloud"), {}},
                   {QStringLiteral("AI"),
                    QStringLiteral("h100-cloud"),
                    {{QStringLiteral("denoise"), 1.0}, {QStringLiteral("retime"), 1.0}}},
                   {QStringLiteral("Hybrid"),
                    QStringLiteral("h100-cloud"),
                    {{QStringLiteral("denoise"), 1.0}, {QStringLiteral("retime"), 0.5}}},
                   {QStringLiteral("AI on-prem"),
                    QStringLiteral("workstation"),
                    {{QStringLiteral("denoise"), 1.0}, {QStringLiteral("retime"), 1.0}}}};
    p.iterations = 10000;
    p.seed = 20270111;
    return p;
}

QJsonObject pricePresets() {
    QFile f(QStringLiteral(":/rushes/cost/price-presets.json"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

bool importBench(const QByteArray& benchJson, Hardware* hardware, QString* error) {
    auto fail = [&](const QString& why) {
        if (error) *error = why;
        return false;
    };
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(benchJson, &err);
    if (err.error != QJsonParseError::NoError)
        return fail(ProductionFormatTr::tr("the bench output is not JSON: %1 at character %2")
                        .arg(err.errorString())
                        .arg(err.offset));
    const QJsonObject o = doc.object();
    if (!o.value(QLatin1String("version")).isDouble())
        return fail(ProductionFormatTr::tr("the bench output has no version"));
    if (o.value(QLatin1String("version")).toInt() != 1)
        return fail(ProductionFormatTr::tr("bench format version %1 is not one this Rushes reads (1)")
                        .arg(o.value(QLatin1String("version")).toInt()));
    QList<Throughput> list;
    const QJsonArray results = o.value(QLatin1String("results")).toArray();
    for (int i = 0; i < results.size(); ++i) {
        const QJsonObject r = results[i].toObject();
        Throughput t;
        t.operation = r.value(QLatin1String("operation")).toString();
        t.backend = r.value(QLatin1String("backend")).toString();
        t.width = r.value(QLatin1String("width")).toInt();
        t.height = r.value(QLatin1String("height")).toInt();
        t.msPerFrame = r.value(QLatin1String("ms_per_frame")).toDouble(-1);
        if (t.width <= 0 || t.height <= 0 || !(t.msPerFrame > 0) || !std::isfinite(t.msPerFrame))
            return fail(
                ProductionFormatTr::tr("bench result %1 (%2) has no usable width, height or ms_per_frame")
                    .arg(i)
                    .arg(t.operation));
        if (t.operation == QLatin1String("denoise") || t.operation == QLatin1String("retime")) list.append(t);
    }
    if (list.isEmpty())
        return fail(ProductionFormatTr::tr("the bench output has no denoise or retime results"));
    hardware->throughput = list;
    const QJsonObject m = o.value(QLatin1String("machine")).toObject();
    const QString device = m.value(QLatin1String("opencl_device")).toString();
    hardware->source =
        ProductionFormatTr::tr("rushes-cli bench on %1 (%2 cores)%3")
            .arg(m.value(QLatin1String("cpu")).toString())
            .arg(m.value(QLatin1String("cores")).toInt())
            .arg(device.isEmpty() ? QString() : ProductionFormatTr::tr(", OpenCL %1").arg(device));
    return true;
}

}  // namespace rushes::cost
